package dev.secureapi.crypto;

/**
 * Base of every failure to encrypt or decrypt a field. Messages never contain plaintext,
 * key material or ciphertext.
 *
 * @since 0.1.0
 */
public abstract class CryptoException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param cause the underlying failure, if any
	 */
	protected CryptoException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates an exception.
	 * @param message what failed
	 */
	protected CryptoException(String message) {
		super(message);
	}

}
