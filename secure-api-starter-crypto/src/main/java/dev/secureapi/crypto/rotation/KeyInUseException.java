package dev.secureapi.crypto.rotation;

import java.util.UUID;

/**
 * Retiring a data key was refused because stored values still use it, or because it is
 * the active key.
 *
 * @since 0.1.0
 */
public class KeyInUseException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final UUID keyId;

	private final long rows;

	/**
	 * Creates an exception.
	 * @param keyId the key
	 * @param rows how many stored values still use it
	 * @param message what is in the way
	 */
	public KeyInUseException(UUID keyId, long rows, String message) {
		super(message);
		this.keyId = keyId;
		this.rows = rows;
	}

	/**
	 * The key that was not retired.
	 * @return the key id
	 */
	public UUID getKeyId() {
		return this.keyId;
	}

	/**
	 * How many stored values still use the key.
	 * @return the row count
	 */
	public long getRows() {
		return this.rows;
	}

}
