package dev.secureapi.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.lettuce.core.cluster.SlotHash;
import org.jspecify.annotations.Nullable;

/**
 * A Redis Cluster of the test's own: three primaries (and optionally one replica each),
 * every node a {@code redis-server --cluster-enabled yes} on a free port, joined with
 * {@code redis-cli --cluster create}. It never touches the shared server on 6379;
 * {@link #close()} stops every node by its process handle and removes the temporary
 * directory. Needs {@code redis-server} and {@code redis-cli} on the {@code PATH}.
 * <p>
 * {@link #shared()} is one cluster with replicas for the whole JVM, for tests that only
 * use it; a test that kills nodes starts its own with {@link #start(boolean)}.
 */
public final class RedisClusterProcess implements AutoCloseable {

	/**
	 * How long a node may be unreachable before the cluster fails it over, in
	 * milliseconds.
	 */
	public static final int NODE_TIMEOUT_MILLIS = 1000;

	private static RedisClusterProcess shared;

	private final Path directory;

	private final Map<Integer, Process> nodes = new LinkedHashMap<>();

	private RedisClusterProcess(Path directory) {
		this.directory = directory;
	}

	/**
	 * The cluster shared by every test of this JVM (three primaries, three replicas),
	 * started on first use and stopped when the JVM exits.
	 * @return the running cluster
	 */
	public static synchronized RedisClusterProcess shared() {
		if (shared == null) {
			try {
				shared = start(true);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start a Redis Cluster", ex);
			}
			RedisClusterProcess cluster = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "redis-cluster-stop"));
		}
		return shared;
	}

	/**
	 * Starts a new cluster of three primaries.
	 * @param withReplicas whether each primary gets a replica (needed for a failover)
	 * @return the running cluster, its state {@code ok} and every replica in sync with
	 * its primary
	 * @throws IOException if it cannot be started
	 */
	public static RedisClusterProcess start(boolean withReplicas) throws IOException {
		RedisClusterProcess cluster = new RedisClusterProcess(Files.createTempDirectory("redis-cluster-test"));
		try {
			int count = withReplicas ? 6 : 3;
			for (int i = 0; i < count; i++) {
				cluster.startNode(RedisProcesses.freePortWithBus());
			}
			for (int port : cluster.nodes.keySet()) {
				RedisProcesses.await("redis-server on port " + port, 10,
						(ignored) -> TestServices.RedisServer.ping("127.0.0.1", port));
			}
			List<String> create = new ArrayList<>(List.of("--cluster", "create"));
			cluster.nodes.keySet().forEach((port) -> create.add("127.0.0.1:" + port));
			create.addAll(List.of("--cluster-replicas", withReplicas ? "1" : "0", "--cluster-yes"));
			String output = RedisProcesses.cli(create.toArray(String[]::new));
			if (!output.contains("[OK] All 16384 slots covered")) {
				throw new IOException("redis-cli --cluster create failed: " + output);
			}
			cluster.awaitHealthy();
			return cluster;
		}
		catch (IOException | RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	private void startNode(int port) throws IOException {
		Path nodeDirectory = Files.createDirectories(this.directory.resolve(String.valueOf(port)));
		// a replica's first synchronisation starts at once instead of after the default 5
		// s wait for more replicas
		this.nodes.put(port,
				RedisProcesses.start(nodeDirectory, "redis.log", List.of("redis-server", "--port", String.valueOf(port),
						"--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
						"--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MILLIS), "--repl-diskless-sync-delay",
						"0", "--save", "", "--appendonly", "no", "--dir", nodeDirectory.toString())));
	}

	/**
	 * The nodes, for {@code spring.data.redis.cluster.nodes}.
	 * @return {@code 127.0.0.1:port} of every node started
	 */
	public List<String> nodes() {
		return this.nodes.keySet().stream().map((port) -> "127.0.0.1:" + port).toList();
	}

	/**
	 * The nodes, comma-separated.
	 * @return the value of {@code spring.data.redis.cluster.nodes}
	 */
	public String nodesProperty() {
		return String.join(",", nodes());
	}

	/**
	 * The port of the primary that serves a key now.
	 * @param key the key
	 * @return the primary's port
	 */
	public int primaryOf(String key) {
		int slot = SlotHash.getSlot(key);
		String nodes = clusterNodes();
		Integer port = servingPort(slot, nodes);
		if (port == null) {
			throw new IllegalStateException("No primary serves slot " + slot + ":\n" + nodes);
		}
		return port;
	}

	/**
	 * The port of the primary that serves a slot in one node's {@code CLUSTER NODES}
	 * view.
	 */
	private static @Nullable Integer servingPort(int slot, String clusterNodes) {
		for (String line : clusterNodes.split("\r?\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
				continue;
			}
			for (int i = 8; i < fields.length; i++) {
				String[] range = fields[i].split("-");
				if (range[0].startsWith("[")) {
					continue;
				}
				int from = Integer.parseInt(range[0]);
				int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
				if (slot >= from && slot <= to) {
					return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
				}
			}
		}
		return null;
	}

	/**
	 * Moves the slot of a key, with its keys, to another primary the way
	 * {@code redis-cli --cluster reshard} does ({@code IMPORTING}/{@code MIGRATING},
	 * {@code MIGRATE}, {@code SETSLOT NODE}), so clients that still route it to the old
	 * primary get {@code ASK} during the move and {@code MOVED} after it.
	 * @param key the key
	 * @return the port of the primary that serves the slot now
	 */
	public synchronized int moveSlotOf(String key) {
		int slot = SlotHash.getSlot(key);
		int source = primaryOf(key);
		int target = primaries().stream().filter((port) -> port != source).findFirst().orElseThrow();
		String sourceId = RedisProcesses.cli("-p", String.valueOf(source), "cluster", "myid").trim();
		String targetId = RedisProcesses.cli("-p", String.valueOf(target), "cluster", "myid").trim();
		RedisProcesses.cli("-p", String.valueOf(target), "cluster", "setslot", String.valueOf(slot), "importing",
				sourceId);
		RedisProcesses.cli("-p", String.valueOf(source), "cluster", "setslot", String.valueOf(slot), "migrating",
				targetId);
		while (true) {
			String[] keys = RedisProcesses
				.cli("-p", String.valueOf(source), "cluster", "getkeysinslot", String.valueOf(slot), "100")
				.trim()
				.split("\\r?\\n");
			if (keys.length == 0 || keys[0].isBlank()) {
				break;
			}
			List<String> migrate = new ArrayList<>(List.of("-p", String.valueOf(source), "migrate", "127.0.0.1",
					String.valueOf(target), "", "0", "5000", "keys"));
			migrate.addAll(List.of(keys));
			String reply = RedisProcesses.cli(migrate.toArray(String[]::new));
			if (!reply.contains("OK")) {
				throw new IllegalStateException("MIGRATE failed: " + reply);
			}
		}
		for (int port : primaries()) {
			RedisProcesses.cli("-p", String.valueOf(port), "cluster", "setslot", String.valueOf(slot), "node",
					targetId);
		}
		// replicas learn the new owner by gossip: until the target's replica knows it
		// holds the slot, a failover of
		// the target would leave the slot uncovered
		try {
			RedisProcesses.await("every node to see slot " + slot + " on port " + target, 30, (ignored) -> liveNodes()
				.stream()
				.allMatch((port) -> Integer.valueOf(target)
					.equals(servingPort(slot, RedisProcesses.cli("-p", String.valueOf(port), "cluster", "nodes")))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return target;
	}

	/**
	 * What every running node says about a key's slot, for a failure message: its
	 * {@code cluster_state} and the primary it routes the slot to.
	 * @param key the key
	 * @return one line per running node
	 */
	public String describeSlotOf(String key) {
		int slot = SlotHash.getSlot(key);
		StringBuilder description = new StringBuilder("slot ").append(slot).append(':');
		for (int port : liveNodes()) {
			String info = RedisProcesses.cli("-p", String.valueOf(port), "cluster", "info");
			String nodes = RedisProcesses.cli("-p", String.valueOf(port), "cluster", "nodes");
			description.append("\n  node ")
				.append(port)
				.append(": cluster_state=")
				.append(RedisProcesses.field(info, "cluster_state"))
				.append(", slot served by ")
				.append(servingPort(slot, nodes))
				.append('\n')
				.append(nodes.strip().indent(4));
		}
		return description.toString();
	}

	private List<Integer> primaries() {
		List<Integer> primaries = new ArrayList<>();
		for (String line : clusterNodes().split("\r?\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length >= 8 && fields[2].contains("master") && !fields[2].contains("fail")) {
				primaries
					.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@'))));
			}
		}
		return primaries;
	}

	/**
	 * Kills a node ({@code SIGKILL}), as a crash would.
	 * @param port the node's port
	 */
	public synchronized void kill(int port) {
		RedisProcesses.stop(this.nodes.get(port), true);
	}

	/**
	 * Starts a killed node again on its port, with its cluster configuration, so it
	 * rejoins the cluster.
	 * @param port the node's port
	 * @throws IOException if it cannot be started
	 */
	public synchronized void restart(int port) throws IOException {
		Process process = this.nodes.get(port);
		if (process != null && process.isAlive()) {
			return;
		}
		startNode(port);
		RedisProcesses.await("redis-server on port " + port, 10,
				(ignored) -> TestServices.RedisServer.ping("127.0.0.1", port));
	}

	/**
	 * Waits until every running node reports {@code cluster_state:ok}, every slot is
	 * served, and every replica has completed its synchronisation with its primary
	 * ({@code master_link_status:up}).
	 * <p>
	 * {@code cluster_state:ok} alone comes seconds before the replicas hold any data. A
	 * replica that never synchronised does not fail over: when its primary dies, Redis
	 * logs "Currently unable to failover: Disconnected from master for longer than
	 * allowed" and the primary's slots stay uncovered ({@code cluster_state:fail}) until
	 * the primary is back. A production cluster's replicas are in sync long before a
	 * primary fails; a test must wait for that too before killing one.
	 * @throws IOException if that does not happen within a minute
	 */
	public void awaitHealthy() throws IOException {
		RedisProcesses.await("cluster_state:ok and every replica in sync", 60,
				(ignored) -> liveNodes().stream().allMatch((port) -> {
					String info = RedisProcesses.cli("-p", String.valueOf(port), "cluster", "info");
					String replication = RedisProcesses.cli("-p", String.valueOf(port), "info", "replication");
					return "ok".equals(RedisProcesses.field(info, "cluster_state"))
							&& "16384".equals(RedisProcesses.field(info, "cluster_slots_ok"))
							&& ("master".equals(RedisProcesses.field(replication, "role"))
									|| "up".equals(RedisProcesses.field(replication, "master_link_status")));
				}));
	}

	private List<Integer> liveNodes() {
		return this.nodes.entrySet()
			.stream()
			.filter((node) -> node.getValue().isAlive())
			.map(Map.Entry::getKey)
			.collect(Collectors.toList());
	}

	private String clusterNodes() {
		for (int port : liveNodes()) {
			String output = RedisProcesses.cli("-p", String.valueOf(port), "cluster", "nodes");
			if (output.contains("master")) {
				return output;
			}
		}
		return "";
	}

	@Override
	public synchronized void close() {
		this.nodes.values().forEach((process) -> RedisProcesses.stop(process, false));
		this.nodes.clear();
		RedisProcesses.delete(this.directory);
	}

}
