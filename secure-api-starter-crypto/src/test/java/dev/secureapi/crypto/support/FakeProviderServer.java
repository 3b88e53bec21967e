package dev.secureapi.crypto.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the in-process key-provider endpoints share: a loopback HTTP server, a count of
 * calls per operation, and a mode that leaves every request unanswered, as a provider
 * that times out.
 */
public abstract class FakeProviderServer implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private volatile boolean hanging;

	FakeProviderServer(String contextPath) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext(contextPath, (exchange) -> {
			waitIfHanging();
			handle(exchange);
		});
		this.server.setExecutor(Executors.newCachedThreadPool());
	}

	/** Starts answering; called by subclasses once their own state is ready. */
	final void start() {
		this.server.start();
	}

	/**
	 * Answers one request.
	 * @param exchange the request
	 * @throws IOException if answering fails
	 */
	abstract void handle(HttpExchange exchange) throws IOException;

	final URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Calls received for an operation, including those answered with an error. */
	public int calls(String operation) {
		AtomicInteger count = this.calls.get(operation);
		return (count != null) ? count.get() : 0;
	}

	public int totalCalls() {
		return this.calls.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/**
	 * Leaves every request unanswered until {@link #close()}, as a provider that times
	 * out.
	 */
	public void hang() {
		this.hanging = true;
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
	}

	final void countCall(String operation) {
		this.calls.computeIfAbsent(operation, (key) -> new AtomicInteger()).incrementAndGet();
	}

	static void writeJson(HttpExchange exchange, int status, String contentType, Map<String, ?> body)
			throws IOException {
		byte[] json = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, json.length);
		exchange.getResponseBody().write(json);
	}

	private void waitIfHanging() {
		if (this.hanging) {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
