package dev.secureapi.crypto;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the field encryption reports for monitoring. The Micrometer implementation is used
 * when Micrometer is on the class path; {@link #NONE} otherwise.
 *
 * @since 0.1.0
 */
public interface CryptoMetrics {

	/** Reports nothing. */
	CryptoMetrics NONE = new CryptoMetrics() {
	};

	/**
	 * A call to the key provider finished.
	 * @param provider the provider name
	 * @param operation {@code generate-data-key}, {@code decrypt-data-key} or
	 * {@code rewrap}
	 * @param success whether it succeeded
	 * @param duration how long it took
	 */
	default void providerCall(String provider, String operation, boolean success, Duration duration) {
	}

	/**
	 * A data key was looked up in the cache.
	 * @param hit whether it was there
	 */
	default void cacheLookup(boolean hit) {
	}

	/**
	 * A value was encrypted.
	 */
	default void encrypted() {
	}

	/**
	 * A value was decrypted, or failed to.
	 * @param failure the reason it failed, or {@code null} on success
	 */
	default void decrypted(FieldDecryptionException.@Nullable Reason failure) {
	}

}
