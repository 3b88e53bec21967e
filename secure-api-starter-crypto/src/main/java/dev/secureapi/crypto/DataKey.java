package dev.secureapi.crypto;

import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An unwrapped data key, held only in memory.
 */
final class DataKey {

	private final UUID id;

	private final SecretKey key;

	DataKey(UUID id, byte[] plaintext) {
		this.id = id;
		this.key = new SecretKeySpec(plaintext, "AES");
	}

	UUID id() {
		return this.id;
	}

	SecretKey key() {
		return this.key;
	}

	@Override
	public String toString() {
		return "DataKey[" + this.id + "]";
	}

}
