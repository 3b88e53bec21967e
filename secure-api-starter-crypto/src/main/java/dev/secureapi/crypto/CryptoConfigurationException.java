package dev.secureapi.crypto;

/**
 * Field encryption is configured in a way that cannot work; start-up stops with the
 * problem and what to do.
 *
 * @since 0.1.0
 */
public class CryptoConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	/**
	 * Creates an exception.
	 * @param problem what is wrong
	 * @param action what to change
	 */
	public CryptoConfigurationException(String problem, String action) {
		super(problem);
		this.action = action;
	}

	/**
	 * What to change.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
