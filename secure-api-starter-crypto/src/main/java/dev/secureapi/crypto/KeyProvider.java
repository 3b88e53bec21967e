package dev.secureapi.crypto;

/**
 * Generates data keys under a master key and unwraps them again: the envelope's outer
 * layer. Implementations ship for a local development key, AWS KMS and Vault transit; an
 * application may declare its own bean.
 *
 * <p>
 * Every failure is thrown as {@link KeyProviderException}. Callers never see plaintext
 * data keys leave the process, and only wrapped keys are stored.
 *
 * @since 0.1.0
 */
public interface KeyProvider {

	/**
	 * The provider's name as stored in the key table, such as {@code aws-kms}.
	 * @return the name
	 */
	String name();

	/**
	 * Generates a new 256-bit data key.
	 * @return the plaintext key and its wrapped form
	 * @throws KeyProviderException when the provider fails
	 */
	GeneratedDataKey generateDataKey();

	/**
	 * Unwraps a data key this provider generated.
	 * @param wrapped the wrapped key as stored
	 * @return the plaintext key; the caller clears it after use
	 * @throws KeyProviderException when the provider fails or refuses the key
	 */
	byte[] decryptDataKey(WrappedDataKey wrapped);

	/**
	 * Wraps an existing data key again under the current master key, for master-key
	 * rotation.
	 * @param wrapped the wrapped key as stored
	 * @return the key wrapped under the current master key
	 * @throws KeyProviderException when the provider fails
	 */
	WrappedDataKey rewrap(WrappedDataKey wrapped);

}
