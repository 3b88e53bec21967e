package dev.secureapi.crypto;

import java.util.Arrays;

import org.springframework.util.Assert;

/**
 * A freshly generated data key: the plaintext to encrypt with and the wrapped form to
 * store.
 *
 * @since 0.1.0
 */
public final class GeneratedDataKey {

	/** The length of a data key in bytes (AES-256). */
	public static final int KEY_LENGTH = 32;

	private final byte[] plaintext;

	private final WrappedDataKey wrapped;

	/**
	 * Creates a generated key.
	 * @param plaintext the 32 plaintext key bytes (copied)
	 * @param wrapped the wrapped form
	 */
	public GeneratedDataKey(byte[] plaintext, WrappedDataKey wrapped) {
		Assert.isTrue(plaintext.length == KEY_LENGTH, "A data key must be 32 bytes");
		this.plaintext = plaintext.clone();
		this.wrapped = wrapped;
	}

	/**
	 * The plaintext key.
	 * @return a copy of the key bytes; the caller clears it after use
	 */
	public byte[] plaintext() {
		return this.plaintext.clone();
	}

	/**
	 * The wrapped key.
	 * @return the wrapped key
	 */
	public WrappedDataKey wrapped() {
		return this.wrapped;
	}

	/**
	 * Clears the plaintext held by this object.
	 */
	public void destroy() {
		Arrays.fill(this.plaintext, (byte) 0);
	}

	@Override
	public String toString() {
		return "GeneratedDataKey[" + this.wrapped.masterKeyReference() + "]";
	}

}
