package dev.secureapi.crypto.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.secureapi.crypto.DataKeyStore;
import dev.secureapi.crypto.StoredDataKey;
import dev.secureapi.crypto.WrappedDataKey;

/**
 * A key table in memory, for unit tests.
 */
public class InMemoryDataKeyStore implements DataKeyStore {

	private final Map<UUID, StoredDataKey> keys = new LinkedHashMap<>();

	@Override
	public synchronized void insert(StoredDataKey key) {
		this.keys.put(key.id(), key);
	}

	@Override
	public synchronized Optional<StoredDataKey> find(UUID id) {
		return Optional.ofNullable(this.keys.get(id));
	}

	@Override
	public synchronized List<StoredDataKey> findAll() {
		return new ArrayList<>(this.keys.values());
	}

	@Override
	public synchronized void updateStatus(UUID id, StoredDataKey.Status status) {
		StoredDataKey key = this.keys.get(id);
		this.keys.put(id, new StoredDataKey(id, key.provider(), key.wrapped(), status, key.createdAt()));
	}

	@Override
	public synchronized void updateWrapped(UUID id, WrappedDataKey wrapped) {
		StoredDataKey key = this.keys.get(id);
		this.keys.put(id, new StoredDataKey(id, key.provider(), wrapped, key.status(), key.createdAt()));
	}

}
