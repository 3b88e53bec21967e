package dev.secureapi.test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis topologies the Redis-backed features are tested on: the shared single server
 * of {@link TestServices#redis()}, the JVM's shared {@link RedisClusterProcess} and the
 * JVM's shared {@link RedisSentinelProcess}. A parameterised test runs its body once per
 * topology, configured the way an application configures Redis: through Spring Data
 * Redis's own properties or connection factory.
 */
public enum RedisTopology {

	/** One Redis server. */
	STANDALONE,

	/** A Redis Cluster of three primaries, each with a replica. */
	CLUSTER,

	/** A primary and a replica managed by three sentinels. */
	SENTINEL;

	/**
	 * Aborts the test when the topology cannot be started here ({@code redis-server}
	 * missing), or fails it when services are required.
	 */
	public void assumeAvailable() {
		if (this != STANDALONE && !RedisServerProcess.isInstalled()) {
			if (TestServices.servicesRequired()) {
				throw new IllegalStateException("redis-server is not on the PATH, needed for " + this);
			}
			Assumptions.abort("redis-server is not installed, needed for " + this);
		}
	}

	/**
	 * Boot properties that point {@code spring.data.redis} at this topology (for the
	 * cluster with Lettuce's adaptive and periodic topology refresh, as deployments
	 * should set it).
	 * @return {@code name=value} pairs
	 */
	public List<String> springProperties() {
		assumeAvailable();
		return switch (this) {
			case STANDALONE -> List.of("spring.data.redis.url=" + TestServices.redis().url());
			case CLUSTER -> List.of("spring.data.redis.cluster.nodes=" + RedisClusterProcess.shared().nodesProperty(),
					"spring.data.redis.lettuce.cluster.refresh.adaptive=true",
					"spring.data.redis.lettuce.cluster.refresh.period=5s");
			case SENTINEL -> List.of("spring.data.redis.sentinel.master=" + RedisSentinelProcess.MASTER_NAME,
					"spring.data.redis.sentinel.nodes=" + RedisSentinelProcess.shared().sentinelNodesProperty());
		};
	}

	/**
	 * {@link #springProperties()} followed by more.
	 * @param more more {@code name=value} pairs
	 * @return all of them
	 */
	public String[] springProperties(String... more) {
		List<String> own = springProperties();
		String[] all = own.toArray(new String[own.size() + more.length]);
		System.arraycopy(more, 0, all, own.size(), more.length);
		return all;
	}

	/**
	 * A new connection factory for this topology, started; the caller destroys it.
	 * @return the factory
	 */
	public LettuceConnectionFactory connectionFactory() {
		assumeAvailable();
		LettuceConnectionFactory factory = switch (this) {
			case STANDALONE -> new LettuceConnectionFactory(
					new RedisStandaloneConfiguration(TestServices.redis().host(), TestServices.redis().port()));
			case CLUSTER -> clusterConnectionFactory(RedisClusterProcess.shared());
			case SENTINEL -> sentinelConnectionFactory(RedisSentinelProcess.shared());
		};
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/**
	 * A connection factory for a cluster, with adaptive and periodic topology refresh;
	 * not started.
	 * @param cluster the cluster
	 * @return the factory
	 */
	public static LettuceConnectionFactory clusterConnectionFactory(RedisClusterProcess cluster) {
		ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
			.enableAllAdaptiveRefreshTriggers()
			.enablePeriodicRefresh(Duration.ofSeconds(5))
			.build();
		return new LettuceConnectionFactory(new RedisClusterConfiguration(cluster.nodes()),
				LettuceClientConfiguration.builder()
					.clientOptions(ClusterClientOptions.builder().topologyRefreshOptions(refresh).build())
					.build());
	}

	/**
	 * A connection factory for a Sentinel setup; not started.
	 * @param setup the setup
	 * @return the factory
	 */
	public static LettuceConnectionFactory sentinelConnectionFactory(RedisSentinelProcess setup) {
		RedisSentinelConfiguration configuration = new RedisSentinelConfiguration();
		configuration.master(RedisSentinelProcess.MASTER_NAME);
		Arrays.stream(setup.sentinelNodesProperty().split(","))
			.forEach((node) -> configuration.sentinel(node.substring(0, node.indexOf(':')),
					Integer.parseInt(node.substring(node.indexOf(':') + 1))));
		return new LettuceConnectionFactory(configuration);
	}

}
