package dev.secureapi.crypto;

/**
 * A new data key could not be stored in the key table (the database is down, the pool has
 * no connection to spare, the insert failed). The key is discarded unused: no value is
 * ever encrypted under a key that is not durably stored. The web layer answers it with
 * 503, and the write that needed the key stores nothing.
 *
 * @since 0.1.0
 */
public class DataKeyStoreException extends CryptoException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public DataKeyStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
