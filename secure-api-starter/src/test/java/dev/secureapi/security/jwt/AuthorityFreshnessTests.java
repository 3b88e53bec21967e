package dev.secureapi.security.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.secureapi.security.jwt.InvalidTokenException.Reason;
import dev.secureapi.security.jwt.TokenUserValidator.UserStanding;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An access token loses its power when its user's authority changes: on the instance that
 * announced the change at once, elsewhere once the cached answer is older than
 * {@code user-check-ttl}; and a revoked token id stays refused for as long as the
 * verifier would otherwise accept the token.
 */
class AuthorityFreshnessTests {

	private static final Instant SECOND = Instant.parse("2026-12-07T12:00:00Z");

	private final Map<String, UserStanding> users = new ConcurrentHashMap<>();

	private final MutableClock clock = new MutableClock(SECOND.plusMillis(200));

	private final TokenUserValidator store = new TokenUserValidator() {

		@Override
		public boolean isActive(String subject) {
			return standing(subject).active();
		}

		@Override
		public UserStanding standing(String subject) {
			return AuthorityFreshnessTests.this.users.getOrDefault(subject, UserStanding.INACTIVE);
		}

	};

	@Test
	void aTokenIssuedBeforeARoleChangeIsRefusedAtOnceOnTheInstanceThatMadeIt() {
		Tokens tokens = instance(Duration.ofSeconds(30));
		this.users.put("a", UserStanding.ACTIVE);
		String token = tokens.accessToken("a", "ADMIN");
		assertThat(tokens.service.verify(token).roles()).containsExactly("ADMIN");
		this.clock.advance(Duration.ofSeconds(5));
		change("a");
		tokens.service.authorityChanged("a");
		assertRefused(tokens, token, Reason.AUTHORITY_CHANGED);
	}

	@Test
	void anotherInstanceRefusesTheOldTokenOnceItsCachedAnswerIsOlderThanTheTtl() {
		Tokens changer = instance(Duration.ofSeconds(30));
		Tokens other = instance(Duration.ofSeconds(30));
		this.users.put("a", UserStanding.ACTIVE);
		String token = changer.accessToken("a", "ADMIN");
		other.service.verify(token);
		this.clock.advance(Duration.ofSeconds(2));
		change("a");
		changer.service.authorityChanged("a");
		assertRefused(changer, token, Reason.AUTHORITY_CHANGED);
		this.clock.advance(Duration.ofSeconds(30));
		assertRefused(other, token, Reason.AUTHORITY_CHANGED);
	}

	@Test
	void aTokenIssuedInTheSameSecondJustBeforeTheChangeIsRefused() {
		Tokens tokens = instance(Duration.ZERO);
		this.users.put("a", UserStanding.ACTIVE);
		String token = tokens.accessToken("a", "ADMIN");
		this.clock.advance(Duration.ofMillis(500));
		change("a");
		assertRefused(tokens, token, Reason.AUTHORITY_CHANGED);
	}

	@Test
	void aTokenIssuedAfterTheChangeInTheSameSecondIsAcceptedEvenWithoutClockSkew() {
		JwtProperties properties = Tokens.secret(TestKeys.SECRET);
		properties.setClockSkew(Duration.ZERO);
		Tokens tokens = new Tokens(properties, this.clock,
				new CachingTokenUserValidator(this.store, Duration.ZERO, this.clock));
		Instant changedAt = change("a");
		this.clock.advance(Duration.ofMillis(300));
		String token = tokens.service.issueAccessToken("a", List.of("USER"), changedAt).value();
		assertThat(tokens.service.verify(token).subject()).isEqualTo("a");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(tokens.service.verify(token).subject()).isEqualTo("a");
		String later = tokens.service.issueAccessToken("a", List.of("USER"), changedAt).value();
		assertThat(tokens.service.verify(later).subject()).isEqualTo("a");
	}

	@Test
	void aSecondChangeInTheSameSecondRefusesATokenIssuedBetweenTheTwo() {
		Tokens tokens = instance(Duration.ZERO);
		Instant first = change("a");
		this.clock.advance(Duration.ofMillis(100));
		String between = tokens.service.issueAccessToken("a", List.of("ADMIN"), first).value();
		assertThat(tokens.service.verify(between).subject()).isEqualTo("a");
		this.clock.advance(Duration.ofMillis(100));
		Instant second = UserStanding.changeAt(first, this.clock.instant());
		this.users.put("a", new UserStanding(true, second));
		assertRefused(tokens, between, Reason.AUTHORITY_CHANGED);
		String after = tokens.service.issueAccessToken("a", List.of("USER"), second).value();
		assertThat(tokens.service.verify(after).subject()).isEqualTo("a");
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(UserStanding.changeAt(second, this.clock.instant())).isEqualTo(this.clock.instant());
	}

	@Test
	void aTokenIssuedWithTheRolesReadBeforeTheChangeIsRefusedEvenIfSignedAfterIt() {
		Tokens tokens = instance(Duration.ZERO);
		this.users.put("a", UserStanding.ACTIVE);
		// a login read the account (no change yet), then another instance changed it,
		// then the login signed
		change("a");
		this.clock.advance(Duration.ofMillis(100));
		String token = tokens.service.issueAccessToken("a", List.of("ADMIN"), null).value();
		assertRefused(tokens, token, Reason.AUTHORITY_CHANGED);
	}

	@Test
	void anEvictionDuringALookUpKeepsTheOldStandingOutOfTheCache() {
		MutableClock clock = this.clock;
		CachingTokenUserValidator[] self = new CachingTokenUserValidator[1];
		TokenUserValidator racing = new TokenUserValidator() {

			@Override
			public boolean isActive(String subject) {
				return true;
			}

			@Override
			public UserStanding standing(String subject) {
				UserStanding before = AuthorityFreshnessTests.this.users.getOrDefault(subject, UserStanding.INACTIVE);
				// the change commits and is announced while this look-up is on its way
				// back
				AuthorityFreshnessTests.this.users.put(subject, UserStanding.INACTIVE);
				self[0].evict(subject);
				return before;
			}

		};
		self[0] = new CachingTokenUserValidator(racing, Duration.ofSeconds(30), clock);
		this.users.put("a", UserStanding.ACTIVE);
		assertThat(self[0].standing("a").active()).isTrue();
		assertThat(self[0].standing("a").active()).as("asked again, not the cached old answer").isFalse();
	}

	@Test
	void aRevokedTokenStaysRefusedDuringTheClockSkewAfterItsExpiry() {
		Tokens tokens = instance(Duration.ZERO);
		this.users.put("a", UserStanding.ACTIVE);
		AccessToken token = tokens.service.issueAccessToken("a", List.of("USER"));
		this.clock.advance(tokens.properties.getAccessTokenTtl().plusSeconds(10));
		assertThat(tokens.service.verify(token.value()).subject()).as("inside the skew window").isEqualTo("a");
		tokens.service.revoke(token.value());
		assertRefused(tokens, token.value(), Reason.REVOKED);
		this.clock.advance(Duration.ofSeconds(15));
		assertRefused(tokens, token.value(), Reason.REVOKED);
		this.clock.advance(Duration.ofSeconds(10));
		assertRefused(tokens, token.value(), Reason.EXPIRED);
	}

	@Test
	void aTokenRevokedBeforeItsExpiryStaysRefusedDuringTheClockSkewAfterIt() {
		Tokens tokens = instance(Duration.ZERO);
		this.users.put("a", UserStanding.ACTIVE);
		AccessToken token = tokens.service.issueAccessToken("a", List.of("USER"));
		tokens.service.revoke(token.value());
		this.clock.advance(tokens.properties.getAccessTokenTtl().plusSeconds(20));
		// another revocation prunes the store; the first one must survive it
		tokens.service.revoke(tokens.service.issueAccessToken("a", List.of("USER")).value());
		assertRefused(tokens, token.value(), Reason.REVOKED);
	}

	private Tokens instance(Duration ttl) {
		return new Tokens(Tokens.secret(TestKeys.SECRET), this.clock,
				new CachingTokenUserValidator(this.store, ttl, this.clock));
	}

	private Instant change(String subject) {
		Instant now = this.clock.instant();
		this.users.put(subject, new UserStanding(true, now));
		return now;
	}

	private static void assertRefused(Tokens tokens, String token, Reason reason) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> tokens.service.verify(token))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(reason));
	}

}
