package dev.secureapi.crypto;

import java.util.Arrays;

import org.springframework.util.Assert;

/**
 * A data key as the key table stores it: wrapped by a master key that the reference
 * names.
 *
 * @since 0.1.0
 */
public final class WrappedDataKey {

	private final byte[] wrapped;

	private final String masterKeyReference;

	/**
	 * Creates a wrapped key.
	 * @param wrapped the wrapped bytes (copied)
	 * @param masterKeyReference the master key's id, ARN, alias or transit key name
	 */
	public WrappedDataKey(byte[] wrapped, String masterKeyReference) {
		Assert.isTrue(wrapped.length > 0, "'wrapped' must not be empty");
		Assert.hasText(masterKeyReference, "'masterKeyReference' must not be empty");
		this.wrapped = wrapped.clone();
		this.masterKeyReference = masterKeyReference;
	}

	/**
	 * The wrapped bytes.
	 * @return a copy of the bytes
	 */
	public byte[] wrapped() {
		return this.wrapped.clone();
	}

	/**
	 * The master key's reference.
	 * @return the reference
	 */
	public String masterKeyReference() {
		return this.masterKeyReference;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof WrappedDataKey that && Arrays.equals(this.wrapped, that.wrapped)
				&& this.masterKeyReference.equals(that.masterKeyReference);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.wrapped) + this.masterKeyReference.hashCode();
	}

	@Override
	public String toString() {
		return "WrappedDataKey[" + this.masterKeyReference + "]";
	}

}
