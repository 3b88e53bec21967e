package dev.secureapi.security.authentication;

import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.secureapi.security.jwt.InvalidTokenException;
import dev.secureapi.security.jwt.RefreshResult;
import dev.secureapi.security.jwt.TokenPair;
import dev.secureapi.security.jwt.TokenService;

/**
 * The work behind a first-party token endpoint: password login, refresh and revocation,
 * over the application's {@link UserAccountService}.
 *
 * <p>
 * A login for a username that does not exist verifies the password against a dummy hash,
 * so it costs the same time as a wrong password for a real user and response times do not
 * reveal which usernames exist. A successful login with a hash in an old format or with
 * weaker parameters re-hashes the password and hands the new hash to
 * {@link UserAccountService#updatePasswordHash}.
 *
 * @since 0.1.0
 */
public class AuthenticationService {

	private final UserAccountService users;

	private final PasswordEncoder passwordEncoder;

	private final TokenService tokens;

	private final String dummyHash;

	/**
	 * Creates a service.
	 * @param users the application's user store
	 * @param passwordEncoder verifies and hashes passwords
	 * @param tokens issues the tokens
	 */
	public AuthenticationService(UserAccountService users, PasswordEncoder passwordEncoder, TokenService tokens) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.tokens = tokens;
		this.dummyHash = passwordEncoder.encode(java.util.UUID.randomUUID().toString());
	}

	/**
	 * Logs in with a username and password.
	 * @param username the login name
	 * @param password the password
	 * @return an access token and a new refresh-token family
	 * @throws InvalidGrantException when the user does not exist, is disabled, or the
	 * password is wrong
	 */
	public TokenPair login(String username, String password) {
		Optional<UserAccount> found = this.users.findByUsername(username);
		String hash = found.map(UserAccount::passwordHash).orElse(this.dummyHash);
		boolean matches = this.passwordEncoder.matches(password, hash);
		if (found.isEmpty() || !matches || !found.get().enabled()) {
			throw new InvalidGrantException("bad credentials");
		}
		UserAccount user = found.get();
		if (this.passwordEncoder.upgradeEncoding(user.passwordHash())) {
			String upgraded = this.passwordEncoder.encode(password);
			if (upgraded != null) {
				this.users.updatePasswordHash(user.subject(), upgraded);
			}
		}
		return this.tokens.issue(user.subject(), user.roles(), user.authorityChangedAt());
	}

	/**
	 * Spends a refresh token and issues a new pair with the user's current roles. A spent
	 * token presented again revokes its whole family.
	 * @param refreshToken the refresh token
	 * @return the new tokens
	 * @throws InvalidGrantException when the token cannot be used or the user is gone or
	 * disabled
	 */
	public TokenPair refresh(String refreshToken) {
		RefreshResult result;
		try {
			result = this.tokens.refresh(refreshToken);
		}
		catch (InvalidTokenException ex) {
			throw new InvalidGrantException("refresh token rejected: " + ex.getReason().tag());
		}
		UserAccount user = this.users.findBySubject(result.subject()).filter(UserAccount::enabled).orElse(null);
		if (user == null) {
			this.tokens.revokeAll(result.subject());
			throw new InvalidGrantException("user disabled or deleted");
		}
		return new TokenPair(this.tokens.issueAccessToken(user.subject(), user.roles(), user.authorityChangedAt()),
				result.refreshToken());
	}

	/**
	 * Revokes an access or refresh token (RFC 7009); unknown and invalid tokens are
	 * ignored.
	 * @param token the token
	 */
	public void revoke(String token) {
		this.tokens.revoke(token);
	}

}
