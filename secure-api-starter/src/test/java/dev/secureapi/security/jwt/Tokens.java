package dev.secureapi.security.jwt;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.secureapi.test.MutableClock;

/**
 * Builds a {@link TokenService} the way the auto-configuration does, for unit tests.
 */
public final class Tokens {

	public final JwtProperties properties;

	public final MutableClock clock;

	public final JwtKeyRing keys;

	public final InMemoryRevokedTokenStore revoked;

	public final RefreshTokenStore refreshTokens;

	public final TokenService service;

	public Tokens(JwtProperties properties, MutableClock clock, @Nullable TokenUserValidator users) {
		this(properties, clock, users, new InMemoryRefreshTokenStore(1000, clock));
	}

	public Tokens(JwtProperties properties, MutableClock clock, @Nullable TokenUserValidator users,
			RefreshTokenStore refreshTokens) {
		this.properties = properties;
		this.clock = clock;
		this.keys = new JwtKeyLoader(null).load(properties);
		this.revoked = new InMemoryRevokedTokenStore(clock);
		this.refreshTokens = refreshTokens;
		AccessTokenVerifier verifier = new AccessTokenVerifier(this.keys, properties, clock, this.revoked, users);
		this.service = new TokenService(this.keys, verifier, refreshTokens, this.revoked, properties, clock);
	}

	public static JwtProperties secret(String secret) {
		JwtProperties properties = new JwtProperties();
		properties.setSecret(secret);
		return properties;
	}

	public static Tokens hs256() {
		return new Tokens(secret(TestKeys.SECRET), MutableClock.now(), null);
	}

	public String accessToken(String subject, String... roles) {
		return this.service.issueAccessToken(subject, List.of(roles)).value();
	}

	static Clock system() {
		return Clock.systemUTC();
	}

}
