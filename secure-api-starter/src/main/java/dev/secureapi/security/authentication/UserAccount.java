package dev.secureapi.security.authentication;

import java.util.Set;

/**
 * What the kit needs to know about a user to log in and to issue tokens.
 *
 * @param subject the stable user id, written as the token's {@code sub}
 * @param username the login name
 * @param passwordHash the stored hash, with its {@code {id}} prefix (for example {@code {argon2}...})
 * @param roles role names without {@code ROLE_}
 * @param enabled whether the user may log in and use tokens
 */
public record UserAccount(String subject, String username, String passwordHash, Set<String> roles,
		boolean enabled) {

	/**
	 * Creates an account.
	 * @param subject the user id
	 * @param username the login name
	 * @param passwordHash the stored hash
	 * @param roles the role names
	 * @param enabled whether the user is enabled
	 */
	public UserAccount {
		roles = Set.copyOf(roles);
	}

	@Override
	public String toString() {
		return "UserAccount[subject=" + this.subject + ", roles=" + this.roles + ", enabled=" + this.enabled + "]";
	}

}
