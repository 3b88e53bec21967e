package dev.secureapi.example.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheErrorHandler;

/**
 * Lets a cache outage degrade to the database: every cache error is logged (without the
 * key, which may be a user id) and counted as {@code app.cache.errors{cache, operation}},
 * then the call goes on as if the cache had missed. No cache error ever reaches a client
 * as a 500.
 */
public class LoggingCacheErrorHandler implements CacheErrorHandler {

	/** The meter counting cache errors. */
	public static final String METER = "app.cache.errors";

	private static final Log logger = LogFactory.getLog(LoggingCacheErrorHandler.class);

	private final @Nullable MeterRegistry registry;

	/**
	 * Creates a handler.
	 * @param registry where to count errors, or {@code null} to only log them
	 */
	public LoggingCacheErrorHandler(@Nullable MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void handleCacheGetError(RuntimeException exception, Cache cache, Object key) {
		record(exception, cache, "get");
	}

	@Override
	public void handleCachePutError(RuntimeException exception, Cache cache, Object key, @Nullable Object value) {
		record(exception, cache, "put");
	}

	@Override
	public void handleCacheEvictError(RuntimeException exception, Cache cache, Object key) {
		record(exception, cache, "evict");
	}

	@Override
	public void handleCacheClearError(RuntimeException exception, Cache cache) {
		record(exception, cache, "clear");
	}

	private void record(RuntimeException exception, Cache cache, String operation) {
		logger.warn("Cache '" + cache.getName() + "' failed on " + operation + ", using the database instead: "
				+ exception.getClass().getSimpleName());
		if (this.registry != null) {
			Counter.builder(METER)
				.description("Cache operations that failed and fell back to the database")
				.tag("cache", cache.getName())
				.tag("operation", operation)
				.register(this.registry)
				.increment();
		}
	}

}
