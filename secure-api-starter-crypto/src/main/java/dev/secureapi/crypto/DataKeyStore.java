package dev.secureapi.crypto;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where wrapped data keys are kept. {@link JdbcDataKeyStore} keeps them in the
 * {@code secure_api_data_key} table.
 *
 * @since 0.1.0
 */
public interface DataKeyStore {

	/**
	 * Stores a new key durably: when this returns, the key is committed, independently of
	 * any transaction the caller is in (a rollback of the caller's transaction must not
	 * remove it, because values encrypted under the key after this call may be committed
	 * by other transactions).
	 * @param key the key
	 * @throws RuntimeException when the key could not be stored; it is then never used
	 */
	void insert(StoredDataKey key);

	/**
	 * Finds a key.
	 * @param id the key id
	 * @return the key, if stored
	 */
	Optional<StoredDataKey> find(UUID id);

	/**
	 * Lists every key, oldest first.
	 * @return the keys
	 */
	List<StoredDataKey> findAll();

	/**
	 * Changes a key's status.
	 * @param id the key id
	 * @param status the new status
	 */
	void updateStatus(UUID id, StoredDataKey.Status status);

	/**
	 * Replaces a key's wrapped form after master-key rotation.
	 * @param id the key id
	 * @param wrapped the key wrapped under the new master key
	 */
	void updateWrapped(UUID id, WrappedDataKey wrapped);

}
