package dev.secureapi.security.jwt;

import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis stores on a real Redis.
 */
@RequiresServices(RequiresServices.Service.REDIS)
class RedisRefreshTokenStoreTest extends RefreshTokenStoreContractTests {

	private static LettuceConnectionFactory connectionFactory;

	private static RedisRefreshTokenStore store;

	private static RedisRevokedTokenStore revoked;

	@BeforeAll
	static void connect() {
		TestServices.RedisServer server = TestServices.redis();
		connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(server.host(), server.port()));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
		String prefix = server.uniquePrefix();
		store = new RedisRefreshTokenStore(redis, prefix);
		revoked = new RedisRevokedTokenStore(redis, prefix);
	}

	@AfterAll
	static void disconnect() {
		connectionFactory.destroy();
	}

	@Override
	protected RefreshTokenStore store() {
		return store;
	}

	@Test
	void aRevokedTokenStaysRefusedDuringTheClockSkewAfterItsExpiry() {
		TestServices.RedisServer server = TestServices.redis();
		dev.secureapi.test.MutableClock clock = dev.secureapi.test.MutableClock.now();
		JwtProperties properties = Tokens.secret(TestKeys.SECRET);
		RedisRevokedTokenStore revokedAt = new RedisRevokedTokenStore(new StringRedisTemplate(connectionFactory),
				server.uniquePrefix(), clock);
		JwtKeyRing keys = new JwtKeyLoader(null).load(properties);
		AccessTokenVerifier verifier = new AccessTokenVerifier(keys, properties, clock, revokedAt, null);
		TokenService tokens = new TokenService(keys, verifier, store, revokedAt, properties, clock);
		String token = tokens.issueAccessToken("u", java.util.List.of("USER")).value();
		clock.advance(properties.getAccessTokenTtl().plusSeconds(10));
		assertThat(tokens.verify(token).subject()).as("inside the skew window").isEqualTo("u");
		tokens.revoke(token);
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(InvalidTokenException.class,
				() -> tokens.verify(token)).getReason()).isEqualTo(InvalidTokenException.Reason.REVOKED);
	}

	@Test
	void revokedTokenIdIsSharedUntilItsExpiry() {
		revoked.revoke("jti-1", java.time.Instant.now().plusSeconds(60));
		revoked.revoke("jti-expired", java.time.Instant.now().minusSeconds(1));
		assertThat(revoked.isRevoked("jti-1")).isTrue();
		assertThat(revoked.isRevoked("jti-2")).isFalse();
		assertThat(revoked.isRevoked("jti-expired")).isFalse();
	}

}
