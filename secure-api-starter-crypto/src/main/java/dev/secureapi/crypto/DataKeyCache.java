package dev.secureapi.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * Unwrapped data keys by id, bounded by entry count and by age since unwrapping. A
 * Caffeine cache whose time is read from the manager's clock, so a key ages exactly as
 * the manager sees time pass.
 */
final class DataKeyCache {

	private final Cache<UUID, DataKey> entries;

	DataKeyCache(int maxEntries, Duration maxAge, Clock clock) {
		// maintenance on the calling thread: the bound holds when put returns, with no
		// background thread
		this.entries = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.expireAfterWrite(maxAge)
			.ticker(() -> nanos(clock.instant()))
			.executor(Runnable::run)
			.build();
	}

	@Nullable DataKey get(UUID id) {
		return this.entries.getIfPresent(id);
	}

	void put(DataKey key) {
		this.entries.put(key.id(), key);
	}

	void remove(UUID id) {
		this.entries.invalidate(id);
	}

	void clear() {
		this.entries.invalidateAll();
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
