package dev.secureapi.example.admin;

import java.util.List;

/**
 * The start-up administrator cannot be created as configured; explained by
 * {@link AdminBootstrapFailureAnalyzer}.
 */
public class AdminBootstrapException extends RuntimeException {

	private final transient List<String> reasons;

	/**
	 * Creates the exception.
	 * @param reasons what is wrong
	 */
	public AdminBootstrapException(List<String> reasons) {
		super("The start-up administrator is misconfigured: " + String.join("; ", reasons));
		this.reasons = List.copyOf(reasons);
	}

	/**
	 * What is wrong.
	 * @return the reasons
	 */
	public List<String> getReasons() {
		return this.reasons;
	}

}
