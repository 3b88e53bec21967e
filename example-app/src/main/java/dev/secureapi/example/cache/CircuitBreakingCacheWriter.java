package dev.secureapi.example.cache;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheWriter;

/**
 * The Redis cache behind a circuit breaker (Resilience4j): the first Redis command that
 * fails (a command timeout on a Redis that stalls, a refused command while it is
 * unreachable) opens the circuit, and for the open duration every cache operation skips
 * Redis at once: reads miss (the caller reads PostgreSQL), writes and evictions are not
 * sent. After the open duration one operation at a time probes Redis; its success closes
 * the circuit. So a stalled Redis costs a request at most one command timeout, and only
 * the requests whose command was already sent, or the one probe per open duration.
 * <p>
 * An eviction that could not reach Redis (failed or skipped) is remembered as a pending
 * eviction of its key. A read goes to Redis only once this instance's pending evictions
 * have been sent, so no entry this instance failed to evict is served by it after Redis
 * returns. At most {@value #MAX_PENDING} keys are remembered; past that, and for other
 * instances sharing the cache, the cache's TTL bounds how long a stale entry can live. A
 * write that is skipped is simply not stored: writes fill the cache, invalidations are
 * evictions.
 */
final class CircuitBreakingCacheWriter implements RedisCacheWriter {

	/** The most pending evictions remembered; a longer outage falls back to the TTL. */
	static final int MAX_PENDING = 1_000;

	private static final Log logger = LogFactory.getLog(CircuitBreakingCacheWriter.class);

	private final RedisCacheWriter delegate;

	private final CircuitBreaker breaker;

	private final Set<PendingEviction> pending;

	private final AtomicBoolean overflowLogged = new AtomicBoolean();

	private CircuitBreakingCacheWriter(RedisCacheWriter delegate, CircuitBreaker breaker,
			Set<PendingEviction> pending) {
		this.delegate = delegate;
		this.breaker = breaker;
		this.pending = pending;
	}

	/**
	 * Wraps a cache writer.
	 * @param delegate the writer that talks to Redis
	 * @param breaker the Redis cache's circuit breaker ({@link #breaker(Duration)})
	 * @return the wrapped writer
	 */
	static CircuitBreakingCacheWriter wrap(RedisCacheWriter delegate, CircuitBreaker breaker) {
		return new CircuitBreakingCacheWriter(delegate, breaker, ConcurrentHashMap.newKeySet());
	}

	/**
	 * The Redis cache's circuit breaker.
	 * @param openDuration how long Redis is skipped after a failure before one operation
	 * probes it again
	 * @return the breaker
	 */
	static CircuitBreaker breaker(Duration openDuration) {
		CircuitBreaker breaker = CircuitBreaker.of("redis-cache", CircuitBreakerConfig.custom()
			// the last call decides: one failed command opens the circuit, one successful
			// probe closes it
			.slidingWindowType(SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(1)
			.minimumNumberOfCalls(1)
			.failureRateThreshold(100)
			.permittedNumberOfCallsInHalfOpenState(1)
			.waitDurationInOpenState(openDuration)
			.writableStackTraceEnabled(false)
			.build());
		breaker.getEventPublisher().onStateTransition((event) -> {
			switch (event.getStateTransition().getToState()) {
				case OPEN -> logger.warn("Redis cache failed; the cache is skipped (reads from the database) for "
						+ openDuration + " at a time until Redis answers again");
				case CLOSED -> logger.info("Redis cache answers again; the cache is used");
				default -> {
				}
			}
		});
		return breaker;
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key) {
		return read(() -> this.delegate.get(name, key));
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key, @Nullable Duration ttl) {
		return read(() -> this.delegate.get(name, key, ttl));
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key, Supplier<byte[]> valueLoader, @Nullable Duration ttl,
			boolean timeToIdleEnabled) {
		if (!sendPendingEvictions() || !this.breaker.tryAcquirePermission()) {
			return valueLoader.get();
		}
		return call(() -> this.delegate.get(name, key, valueLoader, ttl, timeToIdleEnabled));
	}

	@Override
	public boolean supportsAsyncRetrieve() {
		return this.delegate.supportsAsyncRetrieve();
	}

	@Override
	public CompletableFuture<byte[]> retrieve(String name, byte[] key, @Nullable Duration ttl) {
		if (!this.pending.isEmpty() || !this.breaker.tryAcquirePermission()) {
			return CompletableFuture.completedFuture(null);
		}
		long start = System.nanoTime();
		return this.delegate.retrieve(name, key, ttl).whenComplete((value, failure) -> record(start, failure));
	}

	@Override
	public void put(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		if (this.breaker.tryAcquirePermission()) {
			call(() -> {
				this.delegate.put(name, key, value, ttl);
				return null;
			});
		}
	}

	@Override
	public CompletableFuture<Void> store(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		if (!this.breaker.tryAcquirePermission()) {
			return CompletableFuture.completedFuture(null);
		}
		long start = System.nanoTime();
		return this.delegate.store(name, key, value, ttl).whenComplete((done, failure) -> record(start, failure));
	}

	@Override
	public byte @Nullable [] putIfAbsent(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		// skipped or failed, nothing was stored: the caller uses its own value for this
		// request only
		return read(() -> this.delegate.putIfAbsent(name, key, value, ttl));
	}

	@Override
	public void remove(String name, byte[] key) {
		evict(name, key);
	}

	@Override
	public void evict(String name, byte[] key) {
		write(name, key, () -> {
			this.delegate.evict(name, key);
			return null;
		});
	}

	@Override
	public boolean evictIfPresent(String name, byte[] key) {
		Boolean evicted = write(name, key, () -> this.delegate.evictIfPresent(name, key));
		return Boolean.TRUE.equals(evicted);
	}

	@Override
	public void clean(String name, byte[] pattern) {
		clear(name, pattern);
	}

	@Override
	public void clear(String name, byte[] pattern) {
		write(name, pattern, () -> {
			this.delegate.clear(name, pattern);
			return null;
		}, true);
	}

	@Override
	public boolean invalidate(String name, byte[] pattern) {
		Boolean invalidated = write(name, pattern, () -> this.delegate.invalidate(name, pattern), true);
		return Boolean.TRUE.equals(invalidated);
	}

	@Override
	public void clearStatistics(String name) {
		this.delegate.clearStatistics(name);
	}

	@Override
	public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector cacheStatisticsCollector) {
		return new CircuitBreakingCacheWriter(this.delegate.withStatisticsCollector(cacheStatisticsCollector),
				this.breaker, this.pending);
	}

	@Override
	public CacheStatistics getCacheStatistics(String cacheName) {
		return this.delegate.getCacheStatistics(cacheName);
	}

	/**
	 * A read: skipped (a miss) while the circuit is open or this instance still owes
	 * Redis an eviction.
	 * @param command the Redis read
	 * @return the value, or {@code null} for a miss
	 */
	private byte @Nullable [] read(Supplier<byte @Nullable []> command) {
		if (!sendPendingEvictions() || !this.breaker.tryAcquirePermission()) {
			return null;
		}
		return call(command);
	}

	private <T> @Nullable T write(String name, byte[] key, Supplier<@Nullable T> command) {
		return write(name, key, command, false);
	}

	/**
	 * An eviction: remembered as pending when it is skipped or fails.
	 * @param <T> the command's result
	 * @param name the cache
	 * @param key the entry's key, or the pattern of a clear
	 * @param command the Redis command
	 * @param pattern whether the key is a pattern (a cache clear)
	 * @return the command's result, or {@code null} when it was not sent
	 */
	private <T> @Nullable T write(String name, byte[] key, Supplier<@Nullable T> command, boolean pattern) {
		if (!this.breaker.tryAcquirePermission()) {
			remember(name, key, pattern);
			return null;
		}
		try {
			return call(command);
		}
		catch (RuntimeException ex) {
			remember(name, key, pattern);
			throw ex;
		}
	}

	private <T> @Nullable T call(Supplier<@Nullable T> command) {
		long start = System.nanoTime();
		try {
			T result = command.get();
			this.breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			return result;
		}
		catch (RuntimeException ex) {
			this.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			throw ex;
		}
	}

	private void record(long start, @Nullable Throwable failure) {
		long duration = System.nanoTime() - start;
		if (failure == null) {
			this.breaker.onSuccess(duration, TimeUnit.NANOSECONDS);
		}
		else {
			this.breaker.onError(duration, TimeUnit.NANOSECONDS, failure);
		}
	}

	/**
	 * Sends the evictions that could not reach Redis, one permitted call each.
	 * @return whether none is left, so Redis may be read
	 */
	private boolean sendPendingEvictions() {
		if (this.pending.isEmpty()) {
			return true;
		}
		for (PendingEviction eviction : this.pending) {
			if (!this.breaker.tryAcquirePermission()) {
				return false;
			}
			if (!this.pending.remove(eviction)) {
				this.breaker.releasePermission();
				continue;
			}
			try {
				call(() -> {
					if (eviction.pattern()) {
						this.delegate.clear(eviction.name(), eviction.bytes());
					}
					else {
						this.delegate.evict(eviction.name(), eviction.bytes());
					}
					return null;
				});
			}
			catch (RuntimeException ex) {
				this.pending.add(eviction);
				throw ex;
			}
		}
		if (this.pending.isEmpty()) {
			this.overflowLogged.set(false);
			return true;
		}
		return false;
	}

	private void remember(String name, byte[] key, boolean pattern) {
		if (this.pending.size() < MAX_PENDING) {
			this.pending.add(new PendingEviction(name, ByteBuffer.wrap(key.clone()), pattern));
		}
		else if (this.overflowLogged.compareAndSet(false, true)) {
			logger.warn("More than " + MAX_PENDING + " cache evictions could not reach Redis; further entries "
					+ "evicted during this outage may be served until their TTL");
		}
	}

	/**
	 * An eviction (of a key, or of a pattern for a clear) that Redis has not received
	 * yet.
	 */
	private record PendingEviction(String name, ByteBuffer key, boolean pattern) {

		byte[] bytes() {
			byte[] bytes = new byte[this.key.remaining()];
			this.key.duplicate().get(bytes);
			return bytes;
		}

	}

}
