package dev.secureapi.ratelimit;

import java.util.Locale;

/**
 * Records the outcome of each rate-limit check, for metrics.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RateLimitRecorder {

	/** A recorder that records nothing. */
	RateLimitRecorder NONE = (policy, outcome) -> {
	};

	/**
	 * Records one check.
	 * @param policy the policy's name
	 * @param outcome what the check answered
	 */
	void record(String policy, Outcome outcome);

	/**
	 * What a check answered.
	 */
	enum Outcome {

		/** The request was admitted. */
		ALLOWED,

		/** The request was refused because the client is over the limit. */
		REJECTED,

		/** The backend could not answer. */
		BACKEND_ERROR;

		/**
		 * The outcome as a metric tag value.
		 * @return {@code allowed}, {@code rejected} or {@code backend_error}
		 */
		public String tagValue() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
