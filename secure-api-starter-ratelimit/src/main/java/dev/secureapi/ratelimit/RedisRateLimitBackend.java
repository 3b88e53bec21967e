package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Keeps buckets in Redis through Bucket4j's Lettuce proxy manager, on a connection opened from the application's
 * own {@link LettuceConnectionFactory} client (standalone, sentinel or cluster, with its TLS and credentials).
 * Every bucket operation has a short timeout, and a {@link CircuitBreaker} bypasses Redis for a while after a
 * failure; the connection is opened on first use, so the application starts even while Redis is down.
 */
public class RedisRateLimitBackend implements RateLimitBackend, DisposableBean {

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final LettuceConnectionFactory connectionFactory;

	private final String keyPrefix;

	private final Duration commandTimeout;

	private final Duration keepAfterRefill;

	private final CircuitBreaker circuitBreaker;

	private final Object monitor = new Object();

	private volatile @Nullable ProxyManager<String> proxyManager;

	private @Nullable StatefulConnection<String, byte[]> connection;

	/**
	 * Creates a backend.
	 * @param connectionFactory the application's connection factory
	 * @param properties the backend's settings
	 */
	public RedisRateLimitBackend(LettuceConnectionFactory connectionFactory, RateLimitProperties.Redis properties) {
		this.connectionFactory = connectionFactory;
		this.keyPrefix = properties.getKeyPrefix();
		this.commandTimeout = properties.getCommandTimeout();
		this.keepAfterRefill = properties.getKeepAfterRefill();
		this.circuitBreaker = new CircuitBreaker("The Redis rate-limit backend", properties.getCircuitOpenDuration());
	}

	@Override
	public <T> T execute(String key, Supplier<BucketConfiguration> configuration, Function<Bucket, T> operation) {
		if (!this.circuitBreaker.tryAcquire()) {
			throw new RateLimitBackendException("The Redis rate-limit backend is bypassed after a failure", null);
		}
		T result;
		try {
			result = operation.apply(proxyManager().builder().build(this.keyPrefix + key, configuration));
		}
		catch (RuntimeException ex) {
			this.circuitBreaker.onFailure(ex);
			throw new RateLimitBackendException("The Redis rate-limit backend failed", ex);
		}
		this.circuitBreaker.onSuccess();
		return result;
	}

	@Override
	public boolean isAvailable() {
		return !this.circuitBreaker.isOpen();
	}

	private ProxyManager<String> proxyManager() {
		ProxyManager<String> manager = this.proxyManager;
		if (manager != null) {
			return manager;
		}
		synchronized (this.monitor) {
			if (this.proxyManager == null) {
				this.proxyManager = connect();
			}
			return this.proxyManager;
		}
	}

	private ProxyManager<String> connect() {
		AbstractRedisClient client = this.connectionFactory.getRequiredNativeClient();
		Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder;
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<String, byte[]> clusterConnection = cluster.connect(CODEC);
			this.connection = clusterConnection;
			builder = Bucket4jLettuce.casBasedBuilder(clusterConnection);
		}
		else {
			StatefulRedisConnection<String, byte[]> standalone = ((RedisClient) client).connect(CODEC);
			this.connection = standalone;
			builder = Bucket4jLettuce.casBasedBuilder(standalone);
		}
		this.connection.setTimeout(this.commandTimeout);
		return builder.requestTimeout(this.commandTimeout)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(this.keepAfterRefill))
			.build();
	}

	@Override
	public void destroy() {
		synchronized (this.monitor) {
			if (this.connection != null) {
				this.connection.close();
				this.connection = null;
			}
			this.proxyManager = null;
		}
	}

}
