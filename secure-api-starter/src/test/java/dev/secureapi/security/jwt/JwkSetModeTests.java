package dev.secureapi.security.jwt;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.secureapi.security.jwt.InvalidTokenException.Reason;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * External identity provider mode against a JWK set endpoint this test serves itself.
 */
class JwkSetModeTests {

	private static final String ISSUER = "https://idp.example/realms/demo";

	private final List<PublicJwk<?>> published = new ArrayList<>();

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicInteger attackerFetches = new AtomicInteger();

	private final MutableClock clock = MutableClock.now();

	private HttpServer server;

	private AccessTokenVerifier verifier;

	private final KeyPair first = TestKeys.rsa();

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/jwks", (exchange) -> {
			this.fetches.incrementAndGet();
			String body;
			synchronized (this.published) {
				body = "{\"keys\":[" + String.join(",",
						this.published.stream()
							.map((jwk) -> new String(JwtJson.serializer().serialize(jwk), StandardCharsets.UTF_8))
							.toList())
						+ "]}";
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.createContext("/attacker", (exchange) -> {
			this.attackerFetches.incrementAndGet();
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		this.server.start();
		publish("k1", this.first);
		JwtProperties properties = new JwtProperties();
		properties.setJwkSetUri(base() + "/jwks");
		properties.setIssuer(ISSUER);
		properties.setRolesClaim("realm_access.roles");
		JwkSetKeyResolver resolver = new JwkSetKeyResolver(java.net.URI.create(properties.getJwkSetUri()),
				Duration.ofMinutes(1), this.clock);
		this.verifier = new AccessTokenVerifier(resolver, properties, this.clock,
				new InMemoryRevokedTokenStore(this.clock), null);
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void providerTokenVerifiesWithRolesFromTheConfiguredClaimPath() {
		VerifiedToken token = this.verifier.verify(token("k1", this.first, Map.of()));
		assertThat(token.subject()).isEqualTo("user-1");
		assertThat(token.roles()).containsExactly("ADMIN", "USER");
		assertThat(this.fetches).hasValue(1);
		this.verifier.verify(token("k1", this.first, Map.of()));
		assertThat(this.fetches).as("keys are cached").hasValue(1);
	}

	@Test
	void keyRotationAtTheProviderIsPickedUpOnTheFirstTokenWithTheNewKid() {
		this.verifier.verify(token("k1", this.first, Map.of()));
		this.clock.advance(Duration.ofMinutes(2));
		KeyPair second = TestKeys.ec();
		publish("k2", second);
		assertThat(this.verifier.verify(token("k2", second, Map.of())).subject()).isEqualTo("user-1");
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void unknownKidsRefetchAtMostOncePerMinute() {
		this.verifier.verify(token("k1", this.first, Map.of()));
		KeyPair attacker = TestKeys.rsa();
		for (int i = 0; i < 5; i++) {
			String forged = token("forged-" + i, attacker, Map.of());
			assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(forged))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.UNKNOWN_KEY));
		}
		assertThat(this.fetches).hasValue(1);
		this.clock.advance(Duration.ofSeconds(61));
		assertThatExceptionOfType(InvalidTokenException.class)
			.isThrownBy(() -> this.verifier.verify(token("forged-x", attacker, Map.of())));
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void keysFromTokenHeadersAreNeverFetchedNorUsed() {
		KeyPair attacker = TestKeys.rsa();
		String forged = token("k1", attacker, Map.of("jku", base() + "/attacker", "x5u", base() + "/attacker", "jwk",
				Jwks.builder().key((java.security.interfaces.RSAPublicKey) attacker.getPublic()).build()));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(forged))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.BAD_SIGNATURE));
		assertThat(this.attackerFetches).hasValue(0);
	}

	@Test
	void tokenWithAnotherAlgorithmThanTheJwkIsRejected() {
		String hs = Jwts.builder()
			.json(JwtJson.serializer())
			.header()
			.keyId("k1")
			.type("at+jwt")
			.and()
			.subject("user-1")
			.issuer(ISSUER)
			.expiration(Date.from(this.clock.instant().plusSeconds(60)))
			.signWith(new javax.crypto.spec.SecretKeySpec(this.first.getPublic().getEncoded(), "HmacSHA256"),
					Jwts.SIG.HS256)
			.compact();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(hs));
	}

	@Test
	void wrongIssuerIsRejected() {
		String token = Jwts.builder()
			.json(JwtJson.serializer())
			.header()
			.keyId("k1")
			.type("at+jwt")
			.and()
			.subject("user-1")
			.issuer("https://other.example")
			.expiration(Date.from(this.clock.instant().plusSeconds(60)))
			.signWith(this.first.getPrivate(), Jwts.SIG.RS256)
			.compact();
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> this.verifier.verify(token))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.WRONG_ISSUER));
	}

	@Test
	void autoConfigurationVerifiesWithTheJwkSetAndIssuesNoTokens() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class))
			.withPropertyValues("secure-api.jwt.jwk-set-uri=" + base() + "/jwks", "secure-api.jwt.issuer=" + ISSUER,
					"secure-api.jwt.roles-claim=realm_access.roles")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TokenService.class);
				assertThat(context).hasSingleBean(JwkSetKeyResolver.class);
				AccessTokenVerifier verifier = context.getBean(AccessTokenVerifier.class);
				String token = Jwts.builder()
					.json(JwtJson.serializer())
					.header()
					.keyId("k1")
					.type("at+jwt")
					.and()
					.subject("user-2")
					.issuer(ISSUER)
					.claim("realm_access", Map.of("roles", List.of("USER")))
					.expiration(Date.from(Instant.now().plusSeconds(60)))
					.signWith(this.first.getPrivate(), Jwts.SIG.RS256)
					.compact();
				assertThat(verifier.verify(token).roles()).containsExactly("USER");
			});
	}

	private String token(String kid, KeyPair key, Map<String, Object> extraHeaders) {
		io.jsonwebtoken.security.SecureDigestAlgorithm<java.security.PrivateKey, ?> algorithm = (key
			.getPrivate() instanceof java.security.interfaces.ECPrivateKey) ? Jwts.SIG.ES256 : Jwts.SIG.RS256;
		return Jwts.builder()
			.json(JwtJson.serializer())
			.header()
			.keyId(kid)
			.type("at+jwt")
			.add(extraHeaders)
			.and()
			.subject("user-1")
			.issuer(ISSUER)
			.claim("realm_access", Map.of("roles", List.of("ADMIN", "USER")))
			.expiration(Date.from(this.clock.instant().plusSeconds(300)))
			.signWith(key.getPrivate(), algorithm)
			.compact();
	}

	private void publish(String kid, KeyPair pair) {
		synchronized (this.published) {
			this.published.add(Jwks.builder().key(pair.getPublic()).id(kid).build());
		}
	}

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

}
