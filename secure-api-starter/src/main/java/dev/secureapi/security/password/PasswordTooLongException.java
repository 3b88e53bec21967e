package dev.secureapi.security.password;

/**
 * A password longer than {@code secure-api.password.max-length} was given to be hashed.
 * Validate the length in the request (a 400) before it gets here.
 *
 * @since 0.1.0
 */
public class PasswordTooLongException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param maxLength the limit
	 */
	public PasswordTooLongException(int maxLength) {
		super("Password longer than " + maxLength + " characters");
	}

}
