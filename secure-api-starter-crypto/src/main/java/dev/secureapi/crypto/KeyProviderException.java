package dev.secureapi.crypto;

/**
 * The key provider (AWS KMS, Vault, the local key) could not generate or unwrap a data
 * key: unreachable, timed out, throttled after retries, answered an error, or refused the
 * master key. The one exception type for provider failures; the web layer answers it with
 * 503, and a write that meets it stores nothing.
 *
 * @since 0.1.0
 */
public class KeyProviderException extends CryptoException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed, naming the provider and operation
	 * @param cause the underlying failure
	 */
	public KeyProviderException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates an exception.
	 * @param message what failed, naming the provider and operation
	 */
	public KeyProviderException(String message) {
		super(message);
	}

}
