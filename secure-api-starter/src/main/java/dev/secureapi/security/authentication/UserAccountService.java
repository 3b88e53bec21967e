package dev.secureapi.security.authentication;

import java.util.Optional;

/**
 * Application SPI: the user store behind {@link AuthenticationService}. Implement it as a
 * bean and the kit also uses it to reject tokens of disabled or deleted users, and tokens
 * issued before the user's {@link UserAccount#authorityChangedAt()} (unless the
 * application defines its own {@code TokenUserValidator}).
 *
 * <p>
 * When a user's roles or password change or the account is disabled, store the instant of
 * the change so that {@link #findBySubject} returns it as {@code authorityChangedAt}, and
 * after the change commits call {@code TokenService.authorityChanged(subject)} (or
 * {@code revokeAll}) so this instance stops the old tokens at once; other instances
 * follow within {@code secure-api.jwt.user-check-ttl}.
 *
 * @since 0.1.0
 */
public interface UserAccountService {

	/**
	 * Finds a user by login name.
	 * @param username the login name as typed
	 * @return the user, if one exists
	 */
	Optional<UserAccount> findByUsername(String username);

	/**
	 * Finds a user by id.
	 * @param subject the user id (a token's {@code sub})
	 * @return the user, if one exists
	 */
	Optional<UserAccount> findBySubject(String subject);

	/**
	 * Stores a new hash for a user whose hash used an old algorithm or weaker parameters;
	 * called after a successful login with the password re-hashed by the current default.
	 * The default does nothing.
	 * @param subject the user id
	 * @param newPasswordHash the new hash
	 */
	default void updatePasswordHash(String subject, String newPasswordHash) {
	}

}
