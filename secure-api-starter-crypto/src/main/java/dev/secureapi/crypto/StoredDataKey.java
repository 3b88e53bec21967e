package dev.secureapi.crypto;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the data-key table.
 *
 * @param id the key id that ciphertexts name
 * @param provider the provider that wrapped the key
 * @param wrapped the wrapped key and its master key reference
 * @param status whether the key may still decrypt
 * @param createdAt when the key was generated
 * @since 0.1.0
 */
public record StoredDataKey(UUID id, String provider, WrappedDataKey wrapped, Status status, Instant createdAt) {

	/**
	 * Whether a stored key may decrypt.
	 */
	public enum Status {

		/** The key decrypts the values written under it. */
		ENABLED,

		/** No stored value uses the key any more; it decrypts nothing. */
		RETIRED

	}

}
