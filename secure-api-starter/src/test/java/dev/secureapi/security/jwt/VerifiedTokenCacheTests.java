package dev.secureapi.security.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.secureapi.security.jwt.InvalidTokenException.Reason;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A token the verifier remembers ({@code secure-api.jwt.verified-token-cache-size}) is
 * not parsed again, but everything that can change while it is remembered still refuses
 * it: the clock, the key ring, revocation and the user check; and no other string is
 * taken for it.
 */
class VerifiedTokenCacheTests {

	private final Tokens tokens = Tokens.hs256();

	private final AtomicReference<@Nullable JwtKey> key = new AtomicReference<>(
			this.tokens.keys.resolve(JwtKeyLoader.DEFAULT_KEY_ID));

	private final AtomicInteger lookups = new AtomicInteger();

	private final Set<String> inactive = ConcurrentHashMap.newKeySet();

	private final AccessTokenVerifier verifier = verifier(this.tokens.properties);

	private AccessTokenVerifier verifier(JwtProperties properties) {
		VerificationKeyResolver keys = (keyId) -> {
			this.lookups.incrementAndGet();
			JwtKey current = this.key.get();
			if (current == null || !current.id().equals(keyId)) {
				throw new InvalidTokenException(Reason.UNKNOWN_KEY, "no such key");
			}
			return current;
		};
		TokenUserValidator users = (subject) -> !this.inactive.contains(subject);
		return new AccessTokenVerifier(keys, properties, this.tokens.clock, this.tokens.revoked, users);
	}

	@Test
	void aRememberedTokenIsNotVerifiedAgainButItsKeyIsLookedUpEveryTime() {
		String token = this.tokens.accessToken("u", "USER");
		VerifiedToken first = this.verifier.verify(token);
		int afterFirst = this.lookups.get();
		for (int i = 0; i < 5; i++) {
			assertThat(this.verifier.verify(token)).isSameAs(first);
		}
		// the parser's lookup is skipped; the key is still checked once per request
		assertThat(this.lookups.get() - afterFirst).isEqualTo(5);
	}

	@Test
	void withTheCacheOffEveryRequestIsVerifiedFromScratch() {
		JwtProperties properties = Tokens.secret(TestKeys.SECRET);
		properties.setVerifiedTokenCacheSize(0);
		AccessTokenVerifier uncached = verifier(properties);
		String token = this.tokens.accessToken("u", "USER");
		VerifiedToken first = uncached.verify(token);
		assertThat(uncached.verify(token)).isNotSameAs(first).isEqualTo(first);
	}

	@Test
	void aRememberedTokenIsRefusedOnceItsKeyIsRemoved() {
		String token = this.tokens.accessToken("u", "USER");
		this.verifier.verify(token);
		this.key.set(null);
		assertRejected(token, Reason.UNKNOWN_KEY);
	}

	@Test
	void aRememberedTokenIsRefusedOnceItsKeyIdNamesAnotherKey() {
		String token = this.tokens.accessToken("u", "USER");
		this.verifier.verify(token);
		SecretKeySpec other = new SecretKeySpec(
				"another-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.key.set(new JwtKey(JwtKeyLoader.DEFAULT_KEY_ID, JwtAlgorithm.HS256, other, other));
		assertRejected(token, Reason.BAD_SIGNATURE);
	}

	@Test
	void aRememberedTokenIsRefusedOnceItExpires() {
		String token = this.tokens.accessToken("u", "USER");
		this.verifier.verify(token);
		this.tokens.clock.advance(this.tokens.properties.getAccessTokenTtl().plusSeconds(20));
		assertThat(this.verifier.verify(token).subject()).isEqualTo("u");
		this.tokens.clock.advance(this.tokens.properties.getClockSkew());
		assertRejected(token, Reason.EXPIRED);
	}

	@Test
	void aRememberedTokenIsRefusedOnceRevokedOrItsUserIsDisabled() {
		String revoked = this.tokens.accessToken("u", "USER");
		this.verifier.verify(revoked);
		this.tokens.service.revoke(revoked);
		assertRejected(revoked, Reason.REVOKED);

		String disabled = this.tokens.accessToken("d", "USER");
		this.verifier.verify(disabled);
		this.inactive.add("d");
		assertRejected(disabled, Reason.USER_INACTIVE);
	}

	@Test
	void anotherSignatureOnTheSamePayloadIsNotTakenForARememberedToken() {
		String token = this.tokens.accessToken("u", "USER");
		this.verifier.verify(token);
		int signature = token.lastIndexOf('.') + 1;
		char flipped = (token.charAt(signature) == 'A') ? 'B' : 'A';
		String forged = token.substring(0, signature) + flipped + token.substring(signature + 1);
		assertRejected(forged, Reason.BAD_SIGNATURE);
		assertRejected(token.substring(0, signature), Reason.MALFORMED, Reason.BAD_SIGNATURE);
		assertThat(this.verifier.verify(token).subject()).isEqualTo("u");
	}

	@Test
	void aRememberedTokenIsRefusedWhileTheClockIsBeforeItsNotBefore() {
		MutableClock clock = this.tokens.clock;
		String token = this.tokens.accessToken("u", "USER");
		this.verifier.verify(token);
		// a clock set back beyond the skew makes the remembered token premature for it;
		// the verifier checks it again and refuses it as the parser does
		clock.advance(Duration.ofHours(-1));
		assertRejected(token, Reason.NOT_YET_VALID);
	}

	private void assertRejected(String token, Reason... reasons) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(token))
			.satisfies((ex) -> assertThat(ex.getReason()).isIn((Object[]) reasons));
	}

}
