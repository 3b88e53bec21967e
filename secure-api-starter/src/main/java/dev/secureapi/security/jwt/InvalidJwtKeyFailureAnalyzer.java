package dev.secureapi.security.jwt;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a bad JWT key at start-up: which property, what is wrong, and how to make a
 * good key.
 */
class InvalidJwtKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidJwtKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidJwtKeyException cause) {
		return new FailureAnalysis("The JWT key in '" + cause.getProperty() + "' cannot be used: " + cause.getMessage(),
				"Set '" + cause.getProperty() + "' to a random secret of at least 32 bytes, for example the output of "
						+ "'openssl rand -base64 32' written as base64:<value>, or configure an asymmetric key "
						+ "(RS256, ES256, EdDSA) under secure-api.jwt.keys with its PEM private and public key.",
				cause);
	}

}
