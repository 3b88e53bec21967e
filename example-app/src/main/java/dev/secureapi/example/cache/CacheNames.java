package dev.secureapi.example.cache;

/**
 * The application's caches. Each holds one type, so the Redis serializer for each is
 * typed and never instantiates a class named by cached data.
 */
public final class CacheNames {

	/** Single users by id ({@code UserResponse}). */
	public static final String USERS = "users";

	/** Keyset pages of users ({@code UserPage}), keyed under the current list version. */
	public static final String USER_PAGES = "user-pages";

	/** The current list version: a random string every write replaces. */
	public static final String USER_LIST_VERSION = "user-list-version";

	private CacheNames() {
	}

}
