package dev.secureapi.ratelimit.benchmark;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.github.bucket4j.redis.jedis.cas.JedisBasedProxyManager;
import redis.clients.jedis.JedisPool;

import dev.secureapi.ratelimit.RateLimitBackend;

/**
 * The benchmark's comparison for the starter's Redis backend: Bucket4j's Jedis proxy
 * manager as a team would wire it, a blocking client doing each round trip on the calling
 * thread with a connection from a pool. Not a backend the starter offers.
 */
class JedisRateLimitBackend implements RateLimitBackend, AutoCloseable {

	private final JedisPool pool;

	private final JedisBasedProxyManager<String> proxyManager;

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(10_000).build();

	private final String keyPrefix;

	JedisRateLimitBackend(String host, int port, String keyPrefix) {
		this.pool = new JedisPool(host, port);
		this.proxyManager = Bucket4jJedis.casBasedBuilder(this.pool)
			.keyMapper(Mapper.STRING)
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
			.build();
		this.keyPrefix = keyPrefix;
	}

	@Override
	public <T> T execute(String key, Supplier<BucketConfiguration> configuration, Function<Bucket, T> operation) {
		return operation.apply(this.buckets.get(this.keyPrefix + key,
				(prefixed) -> this.proxyManager.builder()
					.withOptimization(Optimizations.batching())
					.build(prefixed, configuration)));
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
