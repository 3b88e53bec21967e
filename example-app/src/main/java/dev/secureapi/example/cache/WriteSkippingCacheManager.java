package dev.secureapi.example.cache;

import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * The Redis cache manager's caches, with writes skipped before the value is serialized
 * while the cache's circuit is not closed. Serializing a cached user encrypts its e-mail
 * address, which can need a new data key and with it a database connection: while Redis
 * is skipped every read misses, and encrypting values that
 * {@link CircuitBreakingCacheWriter} would then not send would only cost data keys and
 * connections.
 */
final class WriteSkippingCacheManager implements CacheManager {

	private final CacheManager delegate;

	private final BooleanSupplier skipWrites;

	private final ConcurrentMap<String, Cache> caches = new ConcurrentHashMap<>();

	WriteSkippingCacheManager(CacheManager delegate, BooleanSupplier skipWrites) {
		this.delegate = delegate;
		this.skipWrites = skipWrites;
	}

	@Override
	public @Nullable Cache getCache(String name) {
		Cache cache = this.delegate.getCache(name);
		return (cache != null) ? this.caches.computeIfAbsent(name, (key) -> new WriteSkippingCache(cache)) : null;
	}

	@Override
	public Collection<String> getCacheNames() {
		return this.delegate.getCacheNames();
	}

	private final class WriteSkippingCache implements Cache {

		private final Cache cache;

		WriteSkippingCache(Cache cache) {
			this.cache = cache;
		}

		@Override
		public String getName() {
			return this.cache.getName();
		}

		@Override
		public Object getNativeCache() {
			return this.cache.getNativeCache();
		}

		@Override
		public @Nullable ValueWrapper get(Object key) {
			return this.cache.get(key);
		}

		@Override
		public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
			return this.cache.get(key, type);
		}

		@Override
		public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
			return this.cache.get(key, valueLoader);
		}

		@Override
		public @Nullable CompletableFuture<?> retrieve(Object key) {
			return this.cache.retrieve(key);
		}

		@Override
		public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
			return this.cache.retrieve(key, valueLoader);
		}

		@Override
		public void put(Object key, @Nullable Object value) {
			if (!WriteSkippingCacheManager.this.skipWrites.getAsBoolean()) {
				this.cache.put(key, value);
			}
		}

		@Override
		public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
			return WriteSkippingCacheManager.this.skipWrites.getAsBoolean() ? null : this.cache.putIfAbsent(key, value);
		}

		@Override
		public void evict(Object key) {
			this.cache.evict(key);
		}

		@Override
		public boolean evictIfPresent(Object key) {
			return this.cache.evictIfPresent(key);
		}

		@Override
		public void clear() {
			this.cache.clear();
		}

		@Override
		public boolean invalidate() {
			return this.cache.invalidate();
		}

	}

}
