package dev.secureapi.example.user;

/**
 * Input rules shared by the request records and the request parameters.
 */
final class UserRules {

	/** What a user name is made of. */
	static final String USERNAME_PATTERN = "[A-Za-z0-9_.-]*";

	/**
	 * The upper bound of a username prefix range: every allowed character sorts below it,
	 * in PostgreSQL's "C" collation and in H2 alike.
	 */
	static final String PREFIX_RANGE_END = "~";

	private UserRules() {
	}

}
