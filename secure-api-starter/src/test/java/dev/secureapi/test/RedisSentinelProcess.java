package dev.secureapi.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sentinel-managed Redis of the test's own: one primary, one replica and three
 * sentinels (quorum two), each a {@code redis-server} process on a free port. It never
 * touches the shared server on 6379; {@link #close()} stops every process by its handle
 * and removes the temporary directory. Needs {@code redis-server} and {@code redis-cli}
 * on the {@code PATH}.
 * <p>
 * {@link #shared()} is one such setup for the whole JVM, for tests that only use it; a
 * test that kills the primary starts its own with {@link #start()}.
 */
public final class RedisSentinelProcess implements AutoCloseable {

	/** The name the sentinels monitor the primary under. */
	public static final String MASTER_NAME = "secure-api-test";

	/**
	 * How long the primary may be unreachable before the sentinels fail it over, in
	 * milliseconds.
	 */
	public static final int DOWN_AFTER_MILLIS = 1000;

	private static RedisSentinelProcess shared;

	private final Path directory;

	private final Map<Integer, Process> servers = new LinkedHashMap<>();

	private final Map<Integer, Process> sentinels = new LinkedHashMap<>();

	private RedisSentinelProcess(Path directory) {
		this.directory = directory;
	}

	/**
	 * The setup shared by every test of this JVM, started on first use and stopped when
	 * the JVM exits.
	 * @return the running setup
	 */
	public static synchronized RedisSentinelProcess shared() {
		if (shared == null) {
			try {
				shared = start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start Redis with Sentinel", ex);
			}
			RedisSentinelProcess setup = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(setup::close, "redis-sentinel-stop"));
		}
		return shared;
	}

	/**
	 * Starts a primary, its replica and three sentinels, and waits until the replica is
	 * in sync and the sentinels know each other.
	 * @return the running setup
	 * @throws IOException if it cannot be started
	 */
	public static RedisSentinelProcess start() throws IOException {
		RedisSentinelProcess setup = new RedisSentinelProcess(Files.createTempDirectory("redis-sentinel-test"));
		try {
			int primary = RedisProcesses.freePortWithBus();
			setup.startServer(primary, null);
			int replica = RedisProcesses.freePortWithBus();
			setup.startServer(replica, primary);
			for (int i = 0; i < 3; i++) {
				setup.startSentinel(RedisProcesses.freePortWithBus(), primary);
			}
			setup.awaitReplicaInSync(replica);
			setup.awaitSentinelsAgree();
			return setup;
		}
		catch (IOException | RuntimeException ex) {
			setup.close();
			throw ex;
		}
	}

	private void startServer(int port, Integer primary) throws IOException {
		Path serverDirectory = Files.createDirectories(this.directory.resolve(String.valueOf(port)));
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", serverDirectory.toString()));
		if (primary != null) {
			command.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(primary)));
		}
		this.servers.put(port, RedisProcesses.start(serverDirectory, "redis.log", command));
		RedisProcesses.await("redis-server on port " + port, 10,
				(ignored) -> TestServices.RedisServer.ping("127.0.0.1", port));
	}

	private void startSentinel(int port, int primary) throws IOException {
		Path sentinelDirectory = Files.createDirectories(this.directory.resolve("sentinel-" + port));
		Path configuration = sentinelDirectory.resolve("sentinel.conf");
		Files.writeString(configuration,
				String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + sentinelDirectory,
						"sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + primary + " 2",
						"sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
						"sentinel failover-timeout " + MASTER_NAME + " 10000",
						"sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
		this.sentinels.put(port, RedisProcesses.start(sentinelDirectory, "sentinel.log",
				List.of("redis-server", configuration.toString(), "--sentinel")));
		RedisProcesses.await("redis-sentinel on port " + port, 10,
				(ignored) -> TestServices.RedisServer.ping("127.0.0.1", port));
	}

	private void awaitSentinelsAgree() throws IOException {
		RedisProcesses.await("three sentinels that know each other and the replica", 60,
				(ignored) -> this.sentinels.keySet().stream().allMatch((port) -> {
					String master = pairs(
							RedisProcesses.cli("-p", String.valueOf(port), "sentinel", "master", MASTER_NAME));
					return master.contains("num-other-sentinels=2") && master.contains("num-slaves=1");
				}));
	}

	/**
	 * {@code redis-cli}'s one-item-per-line answer to {@code SENTINEL MASTER}, as
	 * {@code name=value} pairs.
	 */
	private static String pairs(String output) {
		String[] lines = output.split("\r?\n");
		StringBuilder pairs = new StringBuilder();
		for (int i = 0; i + 1 < lines.length; i += 2) {
			pairs.append(lines[i].trim()).append('=').append(lines[i + 1].trim()).append(' ');
		}
		return pairs.toString();
	}

	/**
	 * The sentinels, for {@code spring.data.redis.sentinel.nodes}.
	 * @return {@code 127.0.0.1:port} of each sentinel, comma-separated
	 */
	public String sentinelNodesProperty() {
		return String.join(",", this.sentinels.keySet().stream().map((port) -> "127.0.0.1:" + port).toList());
	}

	/**
	 * The sentinels' ports.
	 * @return the ports
	 */
	public List<Integer> sentinelPorts() {
		return List.copyOf(this.sentinels.keySet());
	}

	/**
	 * The port of the primary, as the sentinels report it now.
	 * @return the port
	 */
	public int primary() {
		for (int port : this.sentinels.keySet()) {
			String[] address = RedisProcesses
				.cli("-p", String.valueOf(port), "sentinel", "get-master-addr-by-name", MASTER_NAME)
				.split("\r?\n");
			if (address.length >= 2 && address[1].trim().matches("\\d+")) {
				return Integer.parseInt(address[1].trim());
			}
		}
		throw new IllegalStateException("No sentinel names a primary");
	}

	/**
	 * Kills a server ({@code SIGKILL}), as a crash would.
	 * @param port the server's port
	 */
	public synchronized void kill(int port) {
		RedisProcesses.stop(this.servers.get(port), true);
	}

	/**
	 * Starts a killed server again on its port, as a replica of the current primary (as a
	 * restarted node is reconfigured by the sentinels).
	 * @param port the server's port
	 * @throws IOException if it cannot be started
	 */
	public synchronized void restart(int port) throws IOException {
		Process process = this.servers.get(port);
		if (process != null && process.isAlive()) {
			return;
		}
		startServer(port, primary());
	}

	/**
	 * Waits until a server is a replica that has completed its synchronisation with its
	 * primary ({@code master_link_status:up}); only such a replica can be promoted.
	 * @param port the server's port
	 * @throws IOException if that does not happen within a minute
	 */
	public void awaitReplicaInSync(int port) throws IOException {
		RedisProcesses.await("the replica on port " + port + " in sync", 60, (ignored) -> {
			String replication = RedisProcesses.cli("-p", String.valueOf(port), "info", "replication");
			return "slave".equals(RedisProcesses.field(replication, "role"))
					&& "up".equals(RedisProcesses.field(replication, "master_link_status"));
		});
	}

	@Override
	public synchronized void close() {
		this.sentinels.values().forEach((process) -> RedisProcesses.stop(process, false));
		this.sentinels.clear();
		this.servers.values().forEach((process) -> RedisProcesses.stop(process, false));
		this.servers.clear();
		RedisProcesses.delete(this.directory);
	}

}
