package dev.secureapi.example.user;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.secureapi.example.cache.CacheNames;
import dev.secureapi.example.cache.LoggingCacheErrorHandler;

/**
 * Invalidation of the user caches. A write evicts the user it changed and the list
 * version (the next list read starts a new one), so every cached page becomes unreachable
 * at once; both happen after the write's transaction commits, so the very next read (from
 * any instance sharing the cache) goes to the database and sees the change.
 */
@Component
public class UserCache {

	private static final String VERSION_KEY = "current";

	private final CacheManager cacheManager;

	private final CacheErrorHandler errorHandler;

	UserCache(CacheManager cacheManager, LoggingCacheErrorHandler errorHandler) {
		this.cacheManager = cacheManager;
		this.errorHandler = errorHandler;
	}

	/**
	 * The version that list pages are currently cached under.
	 * @return the version, or {@code null} when the cache cannot be used (then pages are
	 * read uncached)
	 */
	@Nullable String listVersion() {
		Cache cache = cache(CacheNames.USER_LIST_VERSION);
		if (cache == null) {
			return null;
		}
		try {
			String current = cache.get(VERSION_KEY, String.class);
			if (current != null) {
				return current;
			}
			String created = newVersion();
			Cache.ValueWrapper existing = cache.putIfAbsent(VERSION_KEY, created);
			Object value = (existing != null) ? existing.get() : null;
			return (value instanceof String version) ? version : created;
		}
		catch (RuntimeException ex) {
			this.errorHandler.handleCacheGetError(ex, cache, VERSION_KEY);
			return null;
		}
	}

	/**
	 * Evicts a user and replaces the list version once the current transaction commits
	 * (at once when there is none).
	 * @param userId the changed user, or {@code null} when only lists are affected
	 */
	void invalidateAfterCommit(@Nullable Long userId) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					invalidate(userId);
				}

			});
		}
		else {
			invalidate(userId);
		}
	}

	private void invalidate(@Nullable Long userId) {
		Cache users = cache(CacheNames.USERS);
		if (userId != null && users != null) {
			try {
				users.evict(userId);
			}
			catch (RuntimeException ex) {
				this.errorHandler.handleCacheEvictError(ex, users, userId);
			}
		}
		// dropping the version makes the next list read start a new one; an eviction that
		// cannot reach Redis is
		// sent again before this instance reads Redis (CircuitBreakingCacheWriter)
		Cache version = cache(CacheNames.USER_LIST_VERSION);
		if (version != null) {
			try {
				version.evict(VERSION_KEY);
			}
			catch (RuntimeException ex) {
				this.errorHandler.handleCacheEvictError(ex, version, VERSION_KEY);
			}
		}
	}

	private @Nullable Cache cache(String name) {
		return this.cacheManager.getCache(name);
	}

	private static String newVersion() {
		return UUID.randomUUID().toString();
	}

}
