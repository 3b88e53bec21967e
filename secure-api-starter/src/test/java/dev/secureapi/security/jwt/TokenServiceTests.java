package dev.secureapi.security.jwt;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.secureapi.security.jwt.InvalidTokenException.Reason;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenServiceTests {

	private final Tokens tokens = Tokens.hs256();

	private final SecretKey secret = new SecretKeySpec(Forge.testSecret(), "HmacSHA256");

	@ParameterizedTest
	@EnumSource(JwtAlgorithm.class)
	void eachAlgorithmIssuesTokensItVerifies(JwtAlgorithm algorithm) {
		Tokens tokens = new Tokens(single(algorithm), MutableClock.now(), null);
		AccessToken token = tokens.service.issueAccessToken("42", List.of("USER"));
		VerifiedToken verified = tokens.service.verify(token.value());
		assertThat(verified.subject()).isEqualTo("42");
		assertThat(verified.roles()).containsExactly("USER");
		assertThat(verified.tokenId()).isEqualTo(token.tokenId());
		assertThat(header(token.value())).contains("\"alg\":\"" + algorithm.joseName() + "\"")
			.contains("\"typ\":\"at+jwt\"")
			.contains("\"kid\":\"k1\"");
	}

	@Test
	void pemKeysAreReadFromFileLocations(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
			throws java.io.IOException {
		KeyPair pair = TestKeys.ed25519();
		java.nio.file.Path privateKey = java.nio.file.Files.writeString(directory.resolve("jwt.pem"),
				TestKeys.privatePem(pair));
		java.nio.file.Path publicKey = java.nio.file.Files.writeString(directory.resolve("jwt.pub.pem"),
				TestKeys.publicPem(pair));
		JwtProperties.Key key = new JwtProperties.Key();
		key.setId("file");
		key.setAlgorithm(JwtAlgorithm.EdDSA);
		key.setPrivateKey("file:" + privateKey);
		key.setPublicKey("file:" + publicKey);
		JwtProperties properties = new JwtProperties();
		properties.setKeys(List.of(key));
		Tokens tokens = new Tokens(properties, MutableClock.now(), null);
		assertThat(tokens.service.verify(tokens.accessToken("3", "USER")).subject()).isEqualTo("3");
	}

	@Test
	void rsaPublicKeyIsDerivedFromThePrivateKeyWhenNotGiven() {
		JwtProperties.Key key = TestKeys.key("rsa", JwtAlgorithm.RS256, TestKeys.rsa());
		key.setPublicKey(null);
		JwtProperties properties = new JwtProperties();
		properties.setKeys(List.of(key));
		Tokens tokens = new Tokens(properties, MutableClock.now(), null);
		assertThat(tokens.service.verify(tokens.accessToken("4", "USER")).subject()).isEqualTo("4");
	}

	@Test
	void issuedTokenCarriesTheContractClaims() {
		JwtProperties properties = Tokens.secret(TestKeys.SECRET);
		properties.setIssuer("https://issuer.example");
		properties.setAudience("api");
		Tokens tokens = new Tokens(properties, MutableClock.now(), null);
		String token = tokens.accessToken("7", "USER", "ADMIN");
		Map<String, Object> claims = tokens.service.verify(token).claims();
		assertThat(claims).containsKeys("sub", "roles", "iss", "aud", "iat", "nbf", "exp", "jti");
		assertThat(claims.get("roles")).isEqualTo(List.of("USER", "ADMIN"));
		assertThat(header(token)).contains("\"kid\":\"default\"");
	}

	@Test
	void tokenSignedByARetiredButListedKeyStillVerifies() {
		KeyPair old = TestKeys.rsa();
		KeyPair current = TestKeys.ec();
		JwtProperties before = new JwtProperties();
		before.setKeys(List.of(TestKeys.key("2025", JwtAlgorithm.RS256, old)));
		String oldToken = new Tokens(before, MutableClock.now(), null).accessToken("1", "USER");

		JwtProperties after = new JwtProperties();
		JwtProperties.Key retired = TestKeys.key("2025", JwtAlgorithm.RS256, old);
		retired.setPrivateKey(null);
		after.setKeys(List.of(retired, TestKeys.key("2026", JwtAlgorithm.ES256, current)));
		after.setActiveKeyId("2026");
		Tokens rotated = new Tokens(after, MutableClock.now(), null);

		assertThat(rotated.service.verify(oldToken).subject()).isEqualTo("1");
		String newToken = rotated.accessToken("1", "USER");
		assertThat(header(newToken)).contains("\"kid\":\"2026\"");
		assertThat(rotated.service.verify(newToken).subject()).isEqualTo("1");
	}

	@Test
	void tokenSignedByARemovedKeyFails() {
		KeyPair old = TestKeys.rsa();
		JwtProperties before = new JwtProperties();
		before.setKeys(List.of(TestKeys.key("2025", JwtAlgorithm.RS256, old)));
		String oldToken = new Tokens(before, MutableClock.now(), null).accessToken("1", "USER");
		JwtProperties after = new JwtProperties();
		after.setKeys(List.of(TestKeys.key("2026", JwtAlgorithm.EdDSA, TestKeys.ed25519())));
		assertRejected(new Tokens(after, MutableClock.now(), null), oldToken, Reason.UNKNOWN_KEY);
	}

	@Test
	void tokenWithoutKidIsAcceptedOnlyWhileOneKeyIsConfigured() {
		Instant now = this.tokens.clock.instant();
		String noKid = Forge.hmac("HmacSHA256", Forge.testSecret(), "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}",
				Forge.claims(now, "u1"));
		assertThat(this.tokens.service.verify(noKid).subject()).isEqualTo("u1");

		JwtProperties two = Tokens.secret(TestKeys.SECRET);
		JwtProperties.Key other = new JwtProperties.Key();
		other.setId("other");
		other.setSecret("another-secret-that-is-long-enough-for-hs256");
		two.setKeys(List.of(other));
		two.setActiveKeyId("default");
		assertRejected(new Tokens(two, this.tokens.clock, null), noKid, Reason.UNKNOWN_KEY);
	}

	@Test
	void algNoneIsRejected() {
		Instant now = this.tokens.clock.instant();
		assertRejected(Forge.unsigned(Forge.header("none", "default"), Forge.claims(now, "u")), Reason.MALFORMED);
		assertRejected(Forge.unsigned("{\"alg\":\"none\",\"typ\":\"at+jwt\"}", Forge.claims(now, "u")),
				Reason.MALFORMED);
	}

	@Test
	void algorithmOtherThanTheKeysIsRejectedEvenWithAValidMac() {
		Instant now = this.tokens.clock.instant();
		byte[] longSecret = new byte[64];
		System.arraycopy(Forge.testSecret(), 0, longSecret, 0, 32);
		assertRejected(
				Forge.hmac("HmacSHA384", Forge.testSecret(), Forge.header("HS384", "default"), Forge.claims(now, "u")),
				Reason.MALFORMED, Reason.BAD_SIGNATURE);
		assertRejected(Forge.hmac("HmacSHA512", longSecret, Forge.header("HS512", "default"), Forge.claims(now, "u")),
				Reason.MALFORMED, Reason.BAD_SIGNATURE);
	}

	@Test
	void hs256TokenSignedWithTheRsaPublicKeyIsRejected() {
		KeyPair rsa = TestKeys.rsa();
		JwtProperties properties = new JwtProperties();
		properties.setKeys(List.of(TestKeys.key("rsa", JwtAlgorithm.RS256, rsa)));
		Tokens tokens = new Tokens(properties, MutableClock.now(), null);
		Instant now = tokens.clock.instant();
		byte[] publicKeyBytes = rsa.getPublic().getEncoded();
		assertRejected(tokens,
				Forge.hmac("HmacSHA256", publicKeyBytes, Forge.header("HS256", "rsa"), Forge.claims(now, "u")),
				Reason.MALFORMED, Reason.BAD_SIGNATURE);
		byte[] pem = TestKeys.publicPem(rsa).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		assertRejected(tokens, Forge.hmac("HmacSHA256", pem, Forge.header("HS256", "rsa"), Forge.claims(now, "u")),
				Reason.MALFORMED, Reason.BAD_SIGNATURE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "JWT", "jwt", "at+jwe", "" })
	void tokenWithAnotherTypIsRejected(String typ) {
		String token = signed((b) -> b.header().type(typ.isEmpty() ? null : typ).and());
		assertRejected(token, Reason.WRONG_TYPE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "unknown", "../../../etc/passwd", "' OR '1'='1", "default\u0000", "DEFAULT" })
	void tokenWithAnUnknownOrHostileKidIsRejected(String kid) {
		assertRejected(signed((b) -> b.header().keyId(kid).and()), Reason.UNKNOWN_KEY);
	}

	@Test
	void keysNamedByJkuX5uOrJwkHeadersAreNeverUsed() {
		KeyPair attacker = TestKeys.rsa();
		io.jsonwebtoken.security.PublicJwk<?> jwk = io.jsonwebtoken.security.Jwks.builder()
			.key(attacker.getPublic())
			.build();
		String token = Jwts.builder()
			.json(JwtJson.serializer())
			.header()
			.keyId("default")
			.type("at+jwt")
			.add("jku", "http://127.0.0.1:9/jwks.json")
			.add("x5u", "http://127.0.0.1:9/cert.pem")
			.add("jwk", jwk)
			.and()
			.subject("attacker")
			.expiration(Date.from(Instant.now().plusSeconds(60)))
			.signWith(attacker.getPrivate(), Jwts.SIG.RS256)
			.compact();
		assertRejected(token, Reason.BAD_SIGNATURE);
	}

	@Test
	void expiredTokenIsRejectedOnceBeyondTheClockSkew() {
		String token = this.tokens.accessToken("u", "USER");
		this.tokens.clock.advance(Duration.ofMinutes(15).plusSeconds(20));
		assertThat(this.tokens.service.verify(token).subject()).isEqualTo("u");
		this.tokens.clock.advance(Duration.ofSeconds(11));
		assertRejected(token, Reason.EXPIRED);
	}

	@Test
	void tokenNotYetValidBeyondTheSkewIsRejected() {
		Instant now = this.tokens.clock.instant();
		assertRejected(signed((b) -> b.notBefore(Date.from(now.plusSeconds(120)))), Reason.NOT_YET_VALID);
		assertThat(this.tokens.service.verify(signed((b) -> b.notBefore(Date.from(now.plusSeconds(20))))).subject())
			.isEqualTo("alice");
	}

	@Test
	void tokenIssuedInTheFutureIsRejected() {
		Instant now = this.tokens.clock.instant();
		assertRejected(signed((b) -> b.issuedAt(Date.from(now.plusSeconds(3600)))), Reason.NOT_YET_VALID);
	}

	@Test
	void wrongIssuerAndAudienceAreRejected() {
		JwtProperties properties = Tokens.secret(TestKeys.SECRET);
		properties.setIssuer("https://us.example");
		properties.setAudience("orders");
		Tokens tokens = new Tokens(properties, MutableClock.now(), null);
		assertRejected(tokens, signed((b) -> b.issuer("https://evil.example").audience().add("orders").and()),
				Reason.WRONG_ISSUER);
		assertRejected(tokens, signed((b) -> b.issuer("https://us.example").audience().add("billing").and()),
				Reason.WRONG_AUDIENCE);
		assertRejected(tokens, signed((b) -> b.audience().add("orders").and()), Reason.WRONG_ISSUER);
		assertThat(tokens.service
			.verify(signed((b) -> b.issuer("https://us.example").audience().add("orders").add("other").and()))
			.subject()).isEqualTo("alice");
	}

	@Test
	void tokenWithoutExpIsRejected() {
		assertRejected(signed((b) -> b.expiration(null)), Reason.MISSING_CLAIM);
	}

	@Test
	void tokenWithoutSubIsRejected() {
		assertRejected(signed((b) -> b.subject(null)), Reason.MISSING_CLAIM);
		assertRejected(signed((b) -> b.subject(" ")), Reason.MISSING_CLAIM);
	}

	@Test
	void oversizedTokenIsRejectedBeforeParsing() {
		String padding = "x".repeat(100 * 1024);
		assertRejected(signed((b) -> b.claim("padding", padding)), Reason.TOO_LARGE);
	}

	@Test
	void tamperedPayloadAndStrippedSignatureAreRejected() {
		String token = this.tokens.accessToken("u", "USER");
		String[] parts = token.split("\\.");
		String tampered = parts[0] + "." + Forge.part(Forge.claims(this.tokens.clock.instant(), "admin")) + "."
				+ parts[2];
		assertRejected(tampered, Reason.BAD_SIGNATURE);
		assertRejected(parts[0] + "." + parts[1] + ".", Reason.MALFORMED, Reason.BAD_SIGNATURE);
		assertRejected(parts[0] + "." + parts[1], Reason.MALFORMED);
	}

	@Test
	void duplicateJsonMembersAreRejected() {
		Instant now = this.tokens.clock.instant();
		String payload = "{\"sub\":\"user\",\"sub\":\"admin\",\"exp\":" + (now.getEpochSecond() + 60) + "}";
		assertRejected(Forge.hmac("HmacSHA256", Forge.testSecret(), Forge.header("HS256", "default"), payload),
				Reason.MALFORMED);
		String header = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"default\",\"kid\":\"other\"}";
		assertRejected(Forge.hmac("HmacSHA256", Forge.testSecret(), header, Forge.claims(now, "u")), Reason.MALFORMED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-jwt", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9" })
	void somethingThatIsNotAJwtIsRejected(String token) {
		assertRejected(token, Reason.MALFORMED, Reason.WRONG_TYPE);
	}

	@Test
	void revokedAccessTokenIsRejectedAndOthersAreNot() {
		String revoked = this.tokens.accessToken("u", "USER");
		String other = this.tokens.accessToken("u", "USER");
		this.tokens.service.revoke(revoked);
		assertRejected(revoked, Reason.REVOKED);
		assertThat(this.tokens.service.verify(other).subject()).isEqualTo("u");
	}

	@Test
	void tokenOfADisabledOrDeletedUserIsRejected() {
		Set<String> active = ConcurrentHashMap.newKeySet();
		active.add("u");
		MutableClock clock = MutableClock.now();
		TokenUserValidator validator = new CachingTokenUserValidator(active::contains, Duration.ofSeconds(30), clock);
		Tokens tokens = new Tokens(Tokens.secret(TestKeys.SECRET), clock, validator);
		String token = tokens.accessToken("u", "USER");
		assertThat(tokens.service.verify(token).subject()).isEqualTo("u");
		active.remove("u");
		clock.advance(Duration.ofSeconds(31));
		assertRejected(tokens, token, Reason.USER_INACTIVE);
		assertRejected(tokens, tokens.accessToken("deleted", "USER"), Reason.USER_INACTIVE);
	}

	@Test
	void revokeAllMakesTheUserCheckRunAgainAtOnce() {
		Set<String> active = ConcurrentHashMap.newKeySet();
		active.add("u");
		MutableClock clock = MutableClock.now();
		TokenUserValidator validator = new CachingTokenUserValidator(active::contains, Duration.ofSeconds(30), clock);
		Tokens tokens = new Tokens(Tokens.secret(TestKeys.SECRET), clock, validator);
		String token = tokens.accessToken("u", "USER");
		tokens.service.verify(token);
		active.remove("u");
		tokens.service.revokeAll("u");
		assertRejected(tokens, token, Reason.USER_INACTIVE);
	}

	private String signed(java.util.function.Consumer<JwtBuilder> customizer) {
		Instant now = this.tokens.clock.instant();
		JwtBuilder builder = Jwts.builder()
			.json(JwtJson.serializer())
			.header()
			.keyId("default")
			.type("at+jwt")
			.and()
			.subject("alice")
			.claim("roles", List.of("USER"))
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plusSeconds(300)))
			.id(java.util.UUID.randomUUID().toString());
		customizer.accept(builder);
		return builder.signWith(this.secret, Jwts.SIG.HS256).compact();
	}

	private void assertRejected(String token, Reason... reasons) {
		assertRejected(this.tokens, token, reasons);
	}

	private static void assertRejected(Tokens tokens, String token, Reason... reasons) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> tokens.service.verify(token))
			.satisfies((ex) -> assertThat(ex.getReason()).isIn((Object[]) reasons));
	}

	private static JwtProperties single(JwtAlgorithm algorithm) {
		JwtProperties properties = new JwtProperties();
		JwtProperties.Key key = TestKeys.key("k1", algorithm);
		properties.setKeys(List.of(key));
		return properties;
	}

	private static String header(String token) {
		return new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
				java.nio.charset.StandardCharsets.UTF_8);
	}

}
