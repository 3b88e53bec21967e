package dev.secureapi.security.jwt;

import java.util.Locale;

/**
 * A token was rejected. The message is safe to log but is never sent to the client; the
 * {@link Reason} is what metrics count.
 *
 * @since 0.1.0
 */
public class InvalidTokenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	/**
	 * Creates an exception.
	 * @param reason why the token was rejected
	 * @param message details for the log, never token content
	 */
	public InvalidTokenException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Why the token was rejected.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a token was rejected; the tag value of the {@code secure_api.auth} metric.
	 */
	public enum Reason {

		/**
		 * Not a JWT, bad JSON, duplicate members, an unsupported or unsecured algorithm.
		 */
		MALFORMED,

		/** Larger than {@code secure-api.jwt.max-token-size}. */
		TOO_LARGE,

		/** The signature does not verify, or the algorithm is not the key's. */
		BAD_SIGNATURE,

		/** The {@code kid} names no configured key. */
		UNKNOWN_KEY,

		/** The {@code typ} header is not an access-token type. */
		WRONG_TYPE,

		/** Past {@code exp}. */
		EXPIRED,

		/** Before {@code nbf}, or issued in the future. */
		NOT_YET_VALID,

		/** A required claim ({@code exp}, {@code sub}) is missing. */
		MISSING_CLAIM,

		/** The {@code iss} is not the configured issuer. */
		WRONG_ISSUER,

		/** The {@code aud} does not contain the configured audience. */
		WRONG_AUDIENCE,

		/** The token's {@code jti} was revoked. */
		REVOKED,

		/** The token's user was disabled or deleted. */
		USER_INACTIVE,

		/** The token was issued before its user's roles or password last changed. */
		AUTHORITY_CHANGED;

		/**
		 * The metric tag value.
		 * @return the lower-case name
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
