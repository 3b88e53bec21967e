package dev.secureapi.security.authentication;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.security.jwt.TokenPair;
import dev.secureapi.security.jwt.Tokens;
import dev.secureapi.security.jwt.VerifiedToken;
import dev.secureapi.security.password.LengthLimitingPasswordEncoder;
import dev.secureapi.security.password.PasswordEncoderAutoConfiguration;
import dev.secureapi.security.password.PasswordProperties;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthenticationServiceTests {

	private final Users users = new Users();

	private final CountingEncoder encoder = new CountingEncoder(new LengthLimitingPasswordEncoder(
			PasswordEncoderAutoConfiguration.delegating(new PasswordProperties()), 128));

	private final Tokens tokens = new Tokens(Tokens.secret(TestKeys.SECRET), MutableClock.now(), null);

	private final AuthenticationService service;

	AuthenticationServiceTests() {
		this.users.put(new UserAccount("1", "alice", this.encoder.encode("alice-password"), Set.of("USER"), true));
		this.users.put(new UserAccount("2", "bob", this.encoder.encode("bob-password"), Set.of("USER"), false));
		this.service = new AuthenticationService(this.users, this.encoder, this.tokens.service);
	}

	@Test
	void loginIssuesTokensForTheUsersIdAndRoles() {
		TokenPair pair = this.service.login("alice", "alice-password");
		VerifiedToken token = this.tokens.service.verify(pair.accessToken().value());
		assertThat(token.subject()).isEqualTo("1");
		assertThat(token.roles()).containsExactly("USER");
		assertThat(pair.refreshToken()).isNotBlank();
	}

	@Test
	void wrongPasswordAndDisabledUserAreRefused() {
		assertThatExceptionOfType(InvalidGrantException.class).isThrownBy(() -> this.service.login("alice", "nope"));
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.service.login("bob", "bob-password"));
	}

	@Test
	void unknownUserCostsTheSamePasswordVerificationAsAKnownOne() {
		this.encoder.matches.set(0);
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.service.login("mallory", "whatever"));
		assertThat(this.encoder.matches).hasValue(1);
		assertThat(this.encoder.lastMatchedHash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
	}

	@Test
	void loginWithAnOldHashStoresAnArgon2idHash() {
		this.users.put(new UserAccount("3", "carol", "{bcrypt}" + new BCryptPasswordEncoder().encode("carol-pw"),
				Set.of("USER"), true));
		this.service.login("carol", "carol-pw");
		String upgraded = this.users.byId.get("3").passwordHash();
		assertThat(upgraded).startsWith("{argon2}");
		assertThat(this.encoder.matches("carol-pw", upgraded)).isTrue();
	}

	@Test
	void refreshIssuesTokensWithTheUsersCurrentRoles() {
		TokenPair pair = this.service.login("alice", "alice-password");
		UserAccount alice = this.users.byId.get("1");
		this.users.put(new UserAccount("1", "alice", alice.passwordHash(), Set.of("ADMIN"), true));
		TokenPair next = this.service.refresh(pair.refreshToken());
		assertThat(this.tokens.service.verify(next.accessToken().value()).roles()).containsExactly("ADMIN");
	}

	@Test
	void refreshForADeletedUserIsRefusedAndEndsTheirFamilies() {
		TokenPair pair = this.service.login("alice", "alice-password");
		TokenPair other = this.service.login("alice", "alice-password");
		this.users.byId.remove("1");
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.service.refresh(pair.refreshToken()));
		this.users.put(new UserAccount("1", "alice", "{noop}x", Set.of("USER"), true));
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.service.refresh(other.refreshToken()));
	}

	@Test
	void reusedRefreshTokenIsAnInvalidGrant() {
		TokenPair pair = this.service.login("alice", "alice-password");
		this.service.refresh(pair.refreshToken());
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.service.refresh(pair.refreshToken()));
	}

	@Test
	void revokeEndsTheRefreshFamily() {
		TokenPair pair = this.service.login("alice", "alice-password");
		this.service.revoke(pair.refreshToken());
		assertThatExceptionOfType(InvalidGrantException.class)
			.isThrownBy(() -> this.service.refresh(pair.refreshToken()));
		this.service.revoke("not-a-token");
	}

	static final class Users implements UserAccountService {

		final Map<String, UserAccount> byId = new ConcurrentHashMap<>();

		void put(UserAccount user) {
			this.byId.put(user.subject(), user);
		}

		@Override
		public Optional<UserAccount> findByUsername(String username) {
			return this.byId.values().stream().filter((u) -> u.username().equals(username)).findFirst();
		}

		@Override
		public Optional<UserAccount> findBySubject(String subject) {
			return Optional.ofNullable(this.byId.get(subject));
		}

		@Override
		public void updatePasswordHash(String subject, String newPasswordHash) {
			UserAccount user = this.byId.get(subject);
			put(new UserAccount(subject, user.username(), newPasswordHash, user.roles(), user.enabled()));
		}

	}

	static final class CountingEncoder implements PasswordEncoder {

		final PasswordEncoder delegate;

		final AtomicInteger matches = new AtomicInteger();

		volatile String lastMatchedHash = "";

		CountingEncoder(PasswordEncoder delegate) {
			this.delegate = delegate;
		}

		@Override
		public @Nullable String encode(@Nullable CharSequence raw) {
			return this.delegate.encode(raw);
		}

		@Override
		public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
			this.matches.incrementAndGet();
			this.lastMatchedHash = String.valueOf(encoded);
			return this.delegate.matches(raw, encoded);
		}

		@Override
		public boolean upgradeEncoding(@Nullable String encoded) {
			return this.delegate.upgradeEncoding(encoded);
		}

	}

}
