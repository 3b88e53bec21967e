package dev.secureapi.example.admin;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The start-up administrator cannot be created as configured; explained by
 * {@link AdminBootstrapFailureAnalyzer}.
 */
public class AdminBootstrapException extends RuntimeException {

	private final transient List<String> reasons;

	private final @Nullable String action;

	/**
	 * Creates the exception for settings that are missing or too weak.
	 * @param reasons what is wrong
	 */
	public AdminBootstrapException(List<String> reasons) {
		this(reasons, null);
	}

	/**
	 * Creates the exception.
	 * @param reasons what is wrong
	 * @param action what to do about it, or {@code null} for the advice on the settings
	 * themselves
	 */
	public AdminBootstrapException(List<String> reasons, @Nullable String action) {
		super("The start-up administrator is misconfigured: " + String.join("; ", reasons));
		this.reasons = List.copyOf(reasons);
		this.action = action;
	}

	/**
	 * What to do about it.
	 * @return the action, or {@code null} for the advice on the settings themselves
	 */
	public @Nullable String getAction() {
		return this.action;
	}

	/**
	 * What is wrong.
	 * @return the reasons
	 */
	public List<String> getReasons() {
		return this.reasons;
	}

}
