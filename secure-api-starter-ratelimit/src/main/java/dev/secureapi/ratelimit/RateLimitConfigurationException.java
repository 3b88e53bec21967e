package dev.secureapi.ratelimit;

/**
 * Thrown at start-up when the rate-limit configuration cannot work; explained by
 * {@link RateLimitConfigurationFailureAnalyzer}.
 *
 * @since 0.1.0
 */
public class RateLimitConfigurationException extends RuntimeException {

	private final String action;

	/**
	 * Creates an exception.
	 * @param message what is wrong
	 * @param action what to do about it
	 */
	public RateLimitConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * What to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
