package dev.secureapi.security.jwt;

/**
 * A configured JWT key is missing, too weak or unreadable. Thrown at start-up, where
 * {@code InvalidJwtKeyFailureAnalyzer} explains what to change.
 *
 * @since 0.1.0
 */
public class InvalidJwtKeyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String property;

	/**
	 * Creates an exception.
	 * @param property the property holding the bad value
	 * @param message what is wrong, never the key material itself
	 */
	public InvalidJwtKeyException(String property, String message) {
		super(message);
		this.property = property;
	}

	/**
	 * Creates an exception.
	 * @param property the property holding the bad value
	 * @param message what is wrong, never the key material itself
	 * @param cause the parsing failure
	 */
	public InvalidJwtKeyException(String property, String message, Throwable cause) {
		super(message, cause);
		this.property = property;
	}

	/**
	 * The property holding the bad value.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

}
