package dev.secureapi.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example app's packaged jar, started as a child process in the {@code prod} profile,
 * as an operator would run it. Stopped with SIGTERM ({@link #terminate()}), so its
 * graceful shutdown is what runs.
 */
final class AppInstance implements AutoCloseable {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private final int port;

	private final Process process;

	private final Path log;

	private AppInstance(int port, Process process, Path log) {
		this.port = port;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts an instance and waits until it is ready.
	 * @param name a name for its log file
	 * @param properties the settings, passed as command-line arguments
	 * @param logDir where its output goes
	 * @return the ready instance
	 * @throws Exception if it does not start
	 */
	static AppInstance start(String name, Map<String, String> properties, Path logDir) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path jar = Path.of(System.getProperty("reliability.app-jar", "../example-app/target/example-app.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The example app's jar is missing: " + jar.toAbsolutePath()
					+ " (build it with ./mvnw -pl example-app -am package)");
		}
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-Xss512k",
				"-XX:+ExitOnOutOfMemoryError", "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		Files.createDirectories(logDir);
		Path log = logDir.resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		AppInstance instance = new AppInstance(port, process, log);
		instance.awaitReady(Duration.ofSeconds(300));
		return instance;
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The status of a probe, or 0 when the instance does not answer within 2 s.
	 * @param path the probe's path
	 * @return the status
	 */
	int probe(String path) {
		try {
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
					.header("X-Forwarded-Proto", "https")
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	/**
	 * Sends SIGTERM and waits for the process to end.
	 * @return its exit code
	 * @throws InterruptedException if interrupted
	 */
	int terminate() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		return this.process.exitValue();
	}

	/**
	 * Runs a full GC in the instance and reads the heap in use after it.
	 * @return the heap in use, in KiB
	 * @throws Exception if jcmd fails
	 */
	long heapAfterFullGcKib() throws Exception {
		jcmd("GC.run");
		Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
		return used.find() ? Long.parseLong(used.group(1)) : -1;
	}

	/**
	 * Counts the instance's live threads.
	 * @return the number of threads
	 * @throws Exception if jcmd fails
	 */
	int threads() throws Exception {
		return (int) jcmd("Thread.print").lines().filter((line) -> line.startsWith("\"")).count();
	}

	private String jcmd(String command) throws Exception {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				String.valueOf(pid()), command)
			.redirectErrorStream(true)
			.start();
		String output = new String(jcmd.getInputStream().readAllBytes());
		jcmd.waitFor(30, TimeUnit.SECONDS);
		return output;
	}

	private void awaitReady(Duration limit) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		while (probe("/actuator/health/readiness") != 200) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				close();
				throw new IllegalStateException(
						"The example app did not become ready; its log: " + this.log + "\n" + tail());
			}
			Thread.sleep(250);
		}
	}

	String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
	}

}
