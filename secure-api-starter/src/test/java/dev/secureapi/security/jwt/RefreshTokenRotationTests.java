package dev.secureapi.security.jwt;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.secureapi.security.jwt.InvalidTokenException.Reason;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RefreshTokenRotationTests {

	private final MutableClock clock = MutableClock.now();

	private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore(1000, this.clock);

	private final Tokens tokens = new Tokens(Tokens.secret(TestKeys.SECRET), this.clock, null, this.store);

	private final TokenService service = this.tokens.service;

	@Test
	void refreshTokenIsOpaqueAtLeast256BitsAndStoredOnlyAsItsHash() {
		TokenPair pair = this.service.issue("1", List.of("USER"));
		assertThat(pair.refreshToken()).doesNotContain(".").hasSizeGreaterThanOrEqualTo(43);
		assertThat(java.util.Base64.getUrlDecoder().decode(pair.refreshToken())).hasSize(32);
		assertThat(this.store.findFamilyId(pair.refreshToken())).isEmpty();
		assertThat(this.store.findFamilyId(RefreshTokens.hash(pair.refreshToken()))).isPresent();
	}

	@Test
	void eachUseRotatesTheToken() {
		TokenPair pair = this.service.issue("1", List.of("USER"));
		RefreshResult first = this.service.refresh(pair.refreshToken());
		assertThat(first.subject()).isEqualTo("1");
		assertThat(first.refreshToken()).isNotEqualTo(pair.refreshToken());
		RefreshResult second = this.service.refresh(first.refreshToken());
		assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
	}

	@Test
	void reusingASpentTokenRevokesTheWholeFamily() {
		TokenPair pair = this.service.issue("1", List.of("USER"));
		RefreshResult rotated = this.service.refresh(pair.refreshToken());
		assertRefreshRejected(pair.refreshToken(), Reason.REVOKED);
		// the legitimate holder's newer token is dead too: the family is revoked
		assertRefreshRejected(rotated.refreshToken(), Reason.REVOKED);
	}

	@Test
	void otherFamiliesOfTheSameUserSurviveAReuse() {
		TokenPair stolen = this.service.issue("1", List.of("USER"));
		TokenPair otherDevice = this.service.issue("1", List.of("USER"));
		this.service.refresh(stolen.refreshToken());
		assertRefreshRejected(stolen.refreshToken(), Reason.REVOKED);
		assertThat(this.service.refresh(otherDevice.refreshToken()).subject()).isEqualTo("1");
	}

	@Test
	void familyEndsAtItsAbsoluteLifetimeEvenWhenUsedRegularly() {
		String token = this.service.issue("1", List.of("USER")).refreshToken();
		for (int day = 0; day < 13; day++) {
			this.clock.advance(Duration.ofDays(1));
			token = this.service.refresh(token).refreshToken();
		}
		this.clock.advance(Duration.ofDays(1).plusSeconds(1));
		assertRefreshRejected(token, Reason.EXPIRED);
	}

	@Test
	void tokenLeftUnusedBeyondTheIdleTimeExpires() {
		String token = this.service.issue("1", List.of("USER")).refreshToken();
		this.clock.advance(Duration.ofDays(7).plusSeconds(1));
		assertRefreshRejected(token, Reason.EXPIRED);
	}

	@Test
	void revokingARefreshTokenRevokesItsFamily() {
		TokenPair pair = this.service.issue("1", List.of("USER"));
		RefreshResult rotated = this.service.refresh(pair.refreshToken());
		this.service.revoke(pair.refreshToken());
		assertRefreshRejected(rotated.refreshToken(), Reason.REVOKED);
	}

	@Test
	void revokeAllEndsEveryFamilyOfTheUser() {
		TokenPair a = this.service.issue("1", List.of("USER"));
		TokenPair b = this.service.issue("1", List.of("USER"));
		this.service.revokeAll("1");
		assertRefreshRejected(a.refreshToken(), Reason.REVOKED);
		assertRefreshRejected(b.refreshToken(), Reason.REVOKED);
	}

	@Test
	void unknownRefreshTokenIsRejected() {
		assertRefreshRejected("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Reason.MALFORMED);
	}

	@Test
	void refreshWithRolesIssuesANewAccessToken() {
		TokenPair pair = this.service.issue("1", List.of("USER"));
		TokenPair next = this.service.refresh(pair.refreshToken(), (subject) -> List.of("ADMIN"));
		assertThat(this.service.verify(next.accessToken().value()).roles()).containsExactly("ADMIN");
	}

	private void assertRefreshRejected(String token, Reason reason) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.service.refresh(token))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(reason));
	}

}
