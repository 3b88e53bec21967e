package dev.secureapi.security.authentication;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the kit needs to know about a user to log in, to issue tokens and to keep
 * accepting them.
 *
 * @param subject the stable user id, written as the token's {@code sub}
 * @param username the login name
 * @param passwordHash the stored hash, with its {@code {id}} prefix (for example
 * {@code {argon2}...})
 * @param roles role names without {@code ROLE_}
 * @param enabled whether the user may log in and use tokens
 * @param authorityChangedAt when the user's roles or password last changed (or the
 * account was re-enabled), or {@code null} if never: access tokens issued in that second
 * or before are refused
 * @since 0.1.0
 */
public record UserAccount(String subject, String username, String passwordHash, Set<String> roles, boolean enabled,
		@Nullable Instant authorityChangedAt) {

	/**
	 * Creates an account.
	 * @param subject the user id
	 * @param username the login name
	 * @param passwordHash the stored hash
	 * @param roles the role names
	 * @param enabled whether the user is enabled
	 * @param authorityChangedAt when the user's authority last changed, or {@code null}
	 */
	public UserAccount {
		roles = Set.copyOf(roles);
	}

	/**
	 * Creates an account whose authority never changed (tokens are refused only once it
	 * is disabled or gone).
	 * @param subject the user id
	 * @param username the login name
	 * @param passwordHash the stored hash
	 * @param roles the role names
	 * @param enabled whether the user is enabled
	 */
	public UserAccount(String subject, String username, String passwordHash, Set<String> roles, boolean enabled) {
		this(subject, username, passwordHash, roles, enabled, null);
	}

	@Override
	public String toString() {
		return "UserAccount[subject=" + this.subject + ", roles=" + this.roles + ", enabled=" + this.enabled
				+ ", authorityChangedAt=" + this.authorityChangedAt + "]";
	}

}
