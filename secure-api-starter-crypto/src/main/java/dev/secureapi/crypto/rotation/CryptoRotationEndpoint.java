package dev.secureapi.crypto.rotation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.DataKeyStore;
import dev.secureapi.crypto.StoredDataKey;

/**
 * The {@code crypto} actuator endpoint: the key table and the re-encryption backlog
 * ({@code GET}), rotation steps ({@code POST} with {@code action} =
 * {@code rotate-data-key}, {@code reencrypt} or {@code rewrap-master-key}) and key
 * retirement ({@code DELETE /actuator/crypto/{keyId}}, 409 while values still use the
 * key). Never shows key material. Expose it only to administrators.
 *
 * @since 0.1.0
 */
@Endpoint(id = "crypto")
public class CryptoRotationEndpoint {

	private final CryptoRotationService rotation;

	private final DataKeyManager keys;

	private final DataKeyStore store;

	private final int batchSize;

	/**
	 * Creates an endpoint.
	 * @param rotation the rotation service
	 * @param keys the data keys
	 * @param store the key table
	 * @param batchSize rows per re-encryption query
	 */
	public CryptoRotationEndpoint(CryptoRotationService rotation, DataKeyManager keys, DataKeyStore store,
			int batchSize) {
		this.rotation = rotation;
		this.keys = keys;
		this.store = store;
		this.batchSize = batchSize;
	}

	/**
	 * Describes the keys and the backlog.
	 * @return the description
	 */
	@ReadOperation
	public Map<String, Object> describe() {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("provider", this.keys.getProvider().name());
		result.put("activeKey", this.keys.activeKeyId().map(UUID::toString).orElse(null));
		result.put("backlog", this.rotation.backlog());
		result.put("columns", this.rotation.getColumns().stream().map(EncryptedColumn::toString).toList());
		List<Map<String, Object>> keyList = this.store.findAll()
			.stream()
			.map(CryptoRotationEndpoint::describe)
			.toList();
		result.put("keys", keyList);
		return result;
	}

	/**
	 * Runs one rotation step.
	 * @param action the step
	 * @return what it did
	 */
	@WriteOperation
	public Map<String, Object> run(Action action) {
		return switch (action) {
			case ROTATE_DATA_KEY -> Map.of("activeKey", this.rotation.rotateDataKey().toString());
			case REENCRYPT ->
				Map.of("reencrypted", this.rotation.reencrypt(this.batchSize), "backlog", this.rotation.backlog());
			case REWRAP_MASTER_KEY -> Map.of("rewrapped", this.rotation.rewrapMasterKey());
		};
	}

	/**
	 * Retires a data key.
	 * @param keyId the key
	 * @return 204 when retired, 409 while the key is active or still used
	 */
	@DeleteOperation
	public WebEndpointResponse<Map<String, Object>> retire(@Selector String keyId) {
		UUID id;
		try {
			id = UUID.fromString(keyId);
		}
		catch (IllegalArgumentException ex) {
			return new WebEndpointResponse<>(Map.of("error", "not a key id"), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		try {
			if (this.store.find(id).isEmpty()) {
				return new WebEndpointResponse<>(Map.of("error", "no such key"), WebEndpointResponse.STATUS_NOT_FOUND);
			}
			this.rotation.retire(id);
			return new WebEndpointResponse<>(Map.of("retired", keyId), WebEndpointResponse.STATUS_OK);
		}
		catch (KeyInUseException ex) {
			return new WebEndpointResponse<>(Map.of("error", ex.getMessage(), "rows", ex.getRows()), 409);
		}
	}

	private static Map<String, Object> describe(StoredDataKey key) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("id", key.id().toString());
		result.put("provider", key.provider());
		result.put("masterKey", key.wrapped().masterKeyReference());
		result.put("status", key.status().name());
		result.put("createdAt", key.createdAt().toString());
		return result;
	}

	/**
	 * A rotation step.
	 */
	public enum Action {

		/** Make a new active data key. */
		ROTATE_DATA_KEY,

		/** Move every stored value onto the active data key. */
		REENCRYPT,

		/** Wrap every data key again under the provider's current master key. */
		REWRAP_MASTER_KEY

	}

}
