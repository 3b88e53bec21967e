package dev.secureapi.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on loopback between the application and a server, that can cut, stall or
 * reset the traffic. Blocking NIO channels with two copying threads per connection:
 * simple, and the suite opens a few dozen connections. (No maintained Java library on
 * Maven Central does this in-process; Toxiproxy needs its own server.)
 */
final class FaultProxy implements AutoCloseable {

	enum Mode {

		/** Bytes flow both ways. */
		PASS,

		/**
		 * Open connections are closed and new ones closed at once, as a server that went
		 * away.
		 */
		CUT,

		/**
		 * Connections are accepted and kept, but no byte moves: a server that stopped
		 * answering.
		 */
		STALL

	}

	private final ServerSocketChannel server;

	private final InetSocketAddress target;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "fault-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

	private volatile Mode mode = Mode.PASS;

	private final Object flow = new Object();

	FaultProxy(String targetHost, int targetPort) throws IOException {
		this.target = new InetSocketAddress(targetHost, targetPort);
		this.server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.threads.execute(this::acceptLoop);
	}

	int port() {
		return this.server.socket().getLocalPort();
	}

	/**
	 * Switches the mode; {@link Mode#CUT} also resets every open connection (RST, not
	 * FIN, as a host that is gone).
	 * @param mode the new mode
	 */
	void mode(Mode mode) {
		this.mode = mode;
		if (mode == Mode.CUT) {
			this.open.forEach(this::reset);
		}
		synchronized (this.flow) {
			this.flow.notifyAll();
		}
	}

	private void acceptLoop() {
		while (this.server.isOpen()) {
			try {
				SocketChannel client = this.server.accept();
				if (this.mode == Mode.CUT) {
					reset(client);
					continue;
				}
				SocketChannel upstream = SocketChannel.open(this.target);
				this.open.add(client);
				this.open.add(upstream);
				this.threads.execute(() -> copy(client, upstream));
				this.threads.execute(() -> copy(upstream, client));
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees its connection closed
			}
		}
	}

	private void copy(SocketChannel from, SocketChannel to) {
		ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
		try {
			while (from.read(buffer) >= 0) {
				awaitFlow();
				buffer.flip();
				while (buffer.hasRemaining()) {
					to.write(buffer);
				}
				buffer.clear();
			}
		}
		catch (IOException | InterruptedException ex) {
			// one side went away
		}
		finally {
			reset(from);
			reset(to);
		}
	}

	private void awaitFlow() throws InterruptedException, IOException {
		synchronized (this.flow) {
			while (this.mode == Mode.STALL) {
				this.flow.wait();
			}
		}
		if (this.mode == Mode.CUT) {
			throw new IOException("cut");
		}
	}

	/**
	 * Connections open through the proxy now (each counted once, its upstream side not).
	 * @return the number of connections
	 */
	int connections() {
		return this.open.size() / 2;
	}

	private void reset(SocketChannel channel) {
		this.open.remove(channel);
		try {
			if (channel.isOpen()) {
				channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
			channel.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.open.forEach(this::reset);
		this.threads.shutdownNow();
	}

}
