package dev.secureapi.security.web;

import dev.secureapi.security.jwt.InvalidTokenException;

/**
 * Told of every bearer-token outcome, for example to count them. Never given the user or
 * the token.
 *
 * @since 0.1.0
 */
public interface AuthenticationOutcomeListener {

	/** A listener that does nothing. */
	AuthenticationOutcomeListener NONE = new AuthenticationOutcomeListener() {
	};

	/**
	 * A token was accepted.
	 */
	default void authenticated() {
	}

	/**
	 * A token was rejected.
	 * @param reason why
	 */
	default void rejected(InvalidTokenException.Reason reason) {
	}

}
