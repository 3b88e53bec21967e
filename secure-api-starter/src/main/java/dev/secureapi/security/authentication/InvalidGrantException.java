package dev.secureapi.security.authentication;

/**
 * A login or refresh was refused: wrong username or password, disabled user, or a refresh
 * token that is unknown, spent, revoked or expired. Token endpoints answer it with 401
 * and {@code error: invalid_grant}; the message is for the log only and never says which
 * of these it was.
 *
 * @since 0.1.0
 */
public class InvalidGrantException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what happened, for the log
	 */
	public InvalidGrantException(String message) {
		super(message);
	}

}
