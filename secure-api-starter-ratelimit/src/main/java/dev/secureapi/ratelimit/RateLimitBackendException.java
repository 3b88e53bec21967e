package dev.secureapi.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a {@link RateLimitBackend} cannot be reached or does not answer in time.
 *
 * @since 0.1.0
 */
public class RateLimitBackendException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param cause the underlying failure, if any
	 */
	public RateLimitBackendException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
