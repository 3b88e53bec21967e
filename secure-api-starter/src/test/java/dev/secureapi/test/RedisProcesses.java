package dev.secureapi.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What {@link RedisClusterProcess} and {@link RedisSentinelProcess} share: free ports,
 * started processes stopped by their own handle, temporary directories removed,
 * {@code redis-cli} calls with a bounded wait.
 */
final class RedisProcesses {

	private RedisProcesses() {
	}

	/**
	 * A free port whose cluster bus port ({@code port + 10000}) is free too, below the
	 * usual ephemeral range so the bus port stays valid; never 6379.
	 * @return the port
	 * @throws IOException if none is found
	 */
	static int freePortWithBus() throws IOException {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20000, 30000);
			if (isFree(port) && isFree(port + 10000)) {
				return port;
			}
		}
		throw new IOException("No free port pair found for a Redis node");
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Starts a process with its output in a log file of the given directory.
	 * @param directory the working directory
	 * @param log the log file's name
	 * @param command the command
	 * @return the process
	 * @throws IOException if it cannot be started
	 */
	static Process start(Path directory, String log, List<String> command) throws IOException {
		return new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve(log).toFile())
			.start();
	}

	/**
	 * Runs {@code redis-cli} and returns what it printed.
	 * @param arguments its arguments
	 * @return its output, empty when it failed
	 */
	static String cli(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add("redis-cli");
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "";
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/**
	 * Waits until a condition holds.
	 * @param what what is awaited, for the failure message
	 * @param seconds how long at most
	 * @param condition the condition
	 * @throws IOException if it does not hold in time
	 */
	static void await(String what, int seconds, Predicate<Void> condition) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!condition.test(null)) {
			if (System.nanoTime() > deadline) {
				throw new IOException("Timed out waiting for " + what);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted waiting for " + what, ex);
			}
		}
	}

	/**
	 * Stops a process by its own handle and waits until it is gone.
	 * @param process the process, or {@code null}
	 * @param forcibly whether to kill it ({@code SIGKILL}) rather than ask it to stop
	 */
	static void stop(Process process, boolean forcibly) {
		if (process == null) {
			return;
		}
		if (forcibly) {
			process.destroyForcibly();
		}
		else {
			process.destroy();
		}
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Removes a directory and everything in it, quietly.
	 * @param directory the directory
	 */
	static void delete(Path directory) {
		if (directory == null || !Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary directory breaks nothing
		}
	}

	/**
	 * A field of {@code INFO}-style output ({@code name:value} lines).
	 * @param info the output
	 * @param name the field's name
	 * @return its value, or an empty string
	 */
	static String field(String info, String name) {
		for (String line : info.split("\r?\n")) {
			if (line.startsWith(name + ":")) {
				return line.substring(name.length() + 1).trim();
			}
		}
		return "";
	}

}
