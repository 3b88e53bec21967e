package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
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
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Keeps buckets in Redis through Bucket4j's Lettuce proxy manager, on a connection opened
 * from the application's own {@link LettuceConnectionFactory} client (standalone,
 * sentinel or cluster, with its TLS and credentials).
 * <p>
 * A check costs one round trip when this instance wrote the bucket last (see
 * {@link RememberingLettuceProxyManager}), and concurrent checks of one bucket in this
 * instance are merged into one Redis command by Bucket4j's batching, so they do not race
 * each other's compare-and-swap. Bucket proxies and remembered states are kept for at
 * most {@code remembered-keys} buckets.
 * <p>
 * Every bucket operation has a short timeout, and a {@link CircuitBreaker} bypasses Redis
 * for a while after a failure. The connection is opened in the background, so the
 * application starts even while Redis is down and no request waits longer than the
 * command timeout for it.
 *
 * @since 0.1.0
 */
public class RedisRateLimitBackend implements RateLimitBackend, SmartInitializingSingleton, DisposableBean {

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final LettuceConnectionFactory connectionFactory;

	private final String keyPrefix;

	private final Duration commandTimeout;

	private final Duration keepAfterRefill;

	private final long rememberedKeys;

	private final CircuitBreaker circuitBreaker;

	private final AtomicReference<@Nullable CompletableFuture<Connected>> connection = new AtomicReference<>();

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
		this.rememberedKeys = properties.getRememberedKeys();
		this.circuitBreaker = new CircuitBreaker("The Redis rate-limit backend", properties.getCircuitOpenDuration());
	}

	@Override
	public <T> T execute(String key, Supplier<BucketConfiguration> configuration, Function<Bucket, T> operation) {
		if (!this.circuitBreaker.tryAcquire()) {
			throw new RateLimitBackendException("The Redis rate-limit backend is bypassed after a failure", null);
		}
		T result;
		try {
			result = operation.apply(connected().bucket(this.keyPrefix + key, configuration));
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

	/**
	 * Starts connecting in the background, so the first request does not pay for it.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		connection();
	}

	/**
	 * Starts connecting unless connected or connecting.
	 * @return the connection attempt, complete once connected
	 */
	CompletableFuture<?> connecting() {
		return connection();
	}

	/**
	 * How many bucket states this instance remembers now.
	 * @return the number of states, 0 while not connected
	 */
	long rememberedStates() {
		CompletableFuture<Connected> current = this.connection.get();
		return (current != null && current.isDone() && !current.isCompletedExceptionally())
				? current.join().proxyManager().rememberedStates() : 0;
	}

	private Connected connected() {
		try {
			return connection().get(this.commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw new RateLimitBackendException("Could not connect to Redis", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new RateLimitBackendException("Still connecting to Redis", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RateLimitBackendException("Interrupted while connecting to Redis", ex);
		}
	}

	/**
	 * The connection, opened on a background thread: a connect attempt is bounded by the
	 * client's connect timeout, not the command timeout, and must not hold a request for
	 * that long. A failed attempt is replaced by a new one when the circuit lets the next
	 * request through.
	 * @return the connection, once open
	 */
	private CompletableFuture<Connected> connection() {
		CompletableFuture<Connected> current = this.connection.get();
		if (current != null && !current.isCompletedExceptionally()) {
			return current;
		}
		CompletableFuture<Connected> next = new CompletableFuture<>();
		if (this.connection.compareAndSet(current, next)) {
			Thread connector = new Thread(() -> {
				try {
					next.complete(connect());
				}
				catch (RuntimeException ex) {
					next.completeExceptionally(ex);
				}
			}, "rate-limit-redis-connect");
			connector.setDaemon(true);
			connector.start();
			return next;
		}
		return this.connection.get();
	}

	private Connected connect() {
		AbstractRedisClient client = this.connectionFactory.getRequiredNativeClient();
		StatefulConnection<String, byte[]> connection;
		Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder;
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<String, byte[]> clusterConnection = cluster.connect(CODEC);
			connection = clusterConnection;
			builder = Bucket4jLettuce.casBasedBuilder(clusterConnection);
		}
		else {
			StatefulRedisConnection<String, byte[]> standalone = ((RedisClient) client).connect(CODEC);
			connection = standalone;
			builder = Bucket4jLettuce.casBasedBuilder(standalone);
		}
		connection.setTimeout(this.commandTimeout);
		builder.requestTimeout(this.commandTimeout)
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(this.keepAfterRefill));
		return new Connected(connection, new RememberingLettuceProxyManager(builder, this.rememberedKeys),
				Caffeine.newBuilder().maximumSize(this.rememberedKeys).executor(Runnable::run).build());
	}

	@Override
	public void destroy() {
		CompletableFuture<Connected> current = this.connection.getAndSet(null);
		if (current != null) {
			current.thenAccept((connected) -> connected.connection().close());
		}
	}

	/**
	 * An open connection, its proxy manager, and the bucket proxies made on it (a proxy
	 * carries the batching of its bucket, so it is kept rather than made per request).
	 */
	private record Connected(StatefulConnection<String, byte[]> connection, RememberingLettuceProxyManager proxyManager,
			Cache<String, Bucket> buckets) {

		Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
			return this.buckets.get(key,
					(k) -> this.proxyManager.builder()
						.withOptimization(Optimizations.batching())
						.build(k, configuration));
		}

	}

}
