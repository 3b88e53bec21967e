package dev.secureapi.test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process of the test's own, on a free port, for tests that must
 * stop and restart Redis (outages, fail-open, recovery) without touching the shared
 * server. Needs {@code redis-server} on the {@code PATH}; {@link #isInstalled()} tells
 * whether it is.
 */
public final class RedisServerProcess implements AutoCloseable {

	private final int port;

	private final Path directory;

	private Process process;

	private RedisServerProcess(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Whether {@code redis-server} can be started here.
	 * @return whether it is on the {@code PATH}
	 */
	public static boolean isInstalled() {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, "redis-server"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Starts a new server on a free port.
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	public static RedisServerProcess start() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		RedisServerProcess server = new RedisServerProcess(port, Files.createTempDirectory("redis-test"));
		server.restart();
		return server;
	}

	/**
	 * The port the server listens on; it stays the same across {@link #stop()} and
	 * {@link #restart()}.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The server's URL.
	 * @return {@code redis://127.0.0.1:port}
	 */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Starts the server again after {@link #stop()}, and waits until it answers.
	 * @throws IOException if it cannot be started
	 */
	public synchronized void restart() throws IOException {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		this.process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()))
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("redis.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!TestServices.RedisServer.ping("127.0.0.1", this.port)) {
			if (System.nanoTime() > deadline || !this.process.isAlive()) {
				stop();
				throw new IOException("redis-server did not start on port " + this.port);
			}
			sleep();
		}
	}

	/**
	 * Stops the server and waits until it is gone.
	 */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
