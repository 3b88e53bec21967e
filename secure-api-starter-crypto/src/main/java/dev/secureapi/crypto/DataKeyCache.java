package dev.secureapi.crypto;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Unwrapped data keys by id, bounded by entry count (least recently used first out) and by age since unwrapping.
 */
final class DataKeyCache {

	private final int maxEntries;

	private final Duration maxAge;

	private final Map<UUID, Entry> entries;

	DataKeyCache(int maxEntries, Duration maxAge) {
		this.maxEntries = maxEntries;
		this.maxAge = maxAge;
		this.entries = new LinkedHashMap<>(16, 0.75f, true);
	}

	synchronized @Nullable DataKey get(UUID id, Instant now) {
		Entry entry = this.entries.get(id);
		if (entry == null) {
			return null;
		}
		if (!now.isBefore(entry.loadedAt.plus(this.maxAge))) {
			this.entries.remove(id);
			return null;
		}
		return entry.key;
	}

	synchronized void put(DataKey key, Instant now) {
		this.entries.put(key.id(), new Entry(key, now));
		while (this.entries.size() > this.maxEntries) {
			UUID eldest = this.entries.keySet().iterator().next();
			this.entries.remove(eldest);
		}
	}

	synchronized void remove(UUID id) {
		this.entries.remove(id);
	}

	synchronized void clear() {
		this.entries.clear();
	}

	synchronized int size() {
		return this.entries.size();
	}

	private record Entry(DataKey key, Instant loadedAt) {
	}

}
