package dev.secureapi.example.user;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.secureapi.security.authentication.UserAccount;
import dev.secureapi.security.authentication.UserAccountService;

/**
 * The user store behind the starter's {@code AuthenticationService}, and through it the
 * check that rejects tokens of deleted users (a deleted user is simply not found) and
 * tokens issued before the user's roles or password changed ({@code authorityChangedAt}).
 */
@Component
@Transactional(readOnly = true)
public class UserAccounts implements UserAccountService {

	private final UserRepository users;

	UserAccounts(UserRepository users) {
		this.users = users;
	}

	@Override
	public Optional<UserAccount> findByUsername(String username) {
		// id, hash and roles only: the encrypted e-mail is not read, so a login never
		// needs the key provider
		return this.users.findCredentialsByUsername(username).map(this::account);
	}

	@Override
	public Optional<UserAccount> findBySubject(String subject) {
		long id;
		try {
			id = Long.parseLong(subject);
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		// the token user check runs every user-check-ttl per user: like a login, it reads
		// nothing encrypted
		return this.users.findCredentialsById(id).map(this::account);
	}

	@Override
	@Transactional
	public void updatePasswordHash(String subject, String newPasswordHash) {
		this.users.updatePasswordHash(Long.parseLong(subject), newPasswordHash);
	}

	private UserAccount account(UserRepository.Credentials credentials) {
		return new UserAccount(Long.toString(credentials.id()), credentials.username(), credentials.passwordHash(),
				this.users.findRoles(List.of(credentials.id()))
					.stream()
					.map((role) -> role.role().name())
					.collect(Collectors.toSet()),
				true, credentials.authorityChangedAt());
	}

}
