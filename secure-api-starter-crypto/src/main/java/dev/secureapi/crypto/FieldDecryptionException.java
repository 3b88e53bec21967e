package dev.secureapi.crypto;

/**
 * A stored value that cannot be decrypted: tampered, truncated, moved to another column,
 * written in an unknown format, or under a data key that is unknown or retired. Never
 * answered with garbage or with the stored text.
 *
 * @since 0.1.0
 */
public class FieldDecryptionException extends CryptoException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	/**
	 * Creates an exception.
	 * @param reason why the value cannot be decrypted
	 * @param message what failed
	 */
	public FieldDecryptionException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Creates an exception.
	 * @param reason why the value cannot be decrypted
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public FieldDecryptionException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * Why the value cannot be decrypted.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a value cannot be decrypted.
	 */
	public enum Reason {

		/** Not a value this library wrote: no prefix, or not Base64. */
		MALFORMED,

		/** Shorter than the smallest possible ciphertext. */
		TRUNCATED,

		/** A format version this library does not know. */
		UNSUPPORTED_VERSION,

		/** An algorithm id this library does not know. */
		UNSUPPORTED_ALGORITHM,

		/** The data key named by the value is not in the key table, or is retired. */
		UNKNOWN_KEY,

		/**
		 * Authentication failed: a byte was changed, or the value belongs to another
		 * column or table.
		 */
		AUTHENTICATION_FAILED

	}

}
