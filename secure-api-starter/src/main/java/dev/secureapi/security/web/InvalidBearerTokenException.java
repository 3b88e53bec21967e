package dev.secureapi.security.web;

import org.springframework.security.core.AuthenticationException;

import dev.secureapi.security.jwt.InvalidTokenException;

/**
 * A bearer token was presented and rejected: answered 401 with
 * {@code WWW-Authenticate: Bearer
 * error="invalid_token"}.
 *
 * @since 0.1.0
 */
public class InvalidBearerTokenException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	private final InvalidTokenException.Reason reason;

	/**
	 * Creates an exception.
	 * @param reason why the token was rejected
	 */
	public InvalidBearerTokenException(InvalidTokenException.Reason reason) {
		super("Invalid bearer token: " + reason.tag());
		this.reason = reason;
	}

	/**
	 * Why the token was rejected.
	 * @return the reason
	 */
	public InvalidTokenException.Reason getReason() {
		return this.reason;
	}

}
