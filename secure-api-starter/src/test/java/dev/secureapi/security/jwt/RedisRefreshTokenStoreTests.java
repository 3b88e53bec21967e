package dev.secureapi.security.jwt;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.secureapi.security.jwt.RefreshTokenStore.Family;
import dev.secureapi.security.jwt.RefreshTokenStore.Outcome;
import dev.secureapi.security.jwt.RefreshTokenStore.Token;
import dev.secureapi.test.RedisTopology;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis stores on a real Redis: a single server, a Redis Cluster and a
 * Sentinel-managed primary. Two stores on two connection factories stand for two
 * application instances.
 */
@RequiresServices(RequiresServices.Service.REDIS)
@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedisRefreshTokenStoreTests extends RefreshTokenStoreContractTests {

	@Parameter
	RedisTopology topology;

	private static String prefix;

	private static LettuceConnectionFactory connectionFactory;

	private static LettuceConnectionFactory otherInstance;

	private static RedisRefreshTokenStore store;

	private static RedisRefreshTokenStore otherStore;

	private static RedisRevokedTokenStore revoked;

	private static RedisRevokedTokenStore otherRevoked;

	@BeforeParameterizedClassInvocation
	static void connect(RedisTopology topology) {
		connectionFactory = topology.connectionFactory();
		otherInstance = topology.connectionFactory();
		prefix = TestServices.redis().uniquePrefix();
		store = new RedisRefreshTokenStore(new StringRedisTemplate(connectionFactory), prefix);
		revoked = new RedisRevokedTokenStore(new StringRedisTemplate(connectionFactory), prefix);
		otherStore = new RedisRefreshTokenStore(new StringRedisTemplate(otherInstance), prefix);
		otherRevoked = new RedisRevokedTokenStore(new StringRedisTemplate(otherInstance), prefix);
	}

	@AfterParameterizedClassInvocation
	static void disconnect() {
		if (connectionFactory != null) {
			connectionFactory.destroy();
			otherInstance.destroy();
		}
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
		assertThat(org.assertj.core.api.Assertions
			.catchThrowableOfType(InvalidTokenException.class, () -> tokens.verify(token))
			.getReason()).isEqualTo(InvalidTokenException.Reason.REVOKED);
	}

	@Test
	void revokedTokenIdIsSharedUntilItsExpiry() {
		revoked.revoke("jti-1", Instant.now().plusSeconds(60));
		revoked.revoke("jti-expired", Instant.now().minusSeconds(1));
		assertThat(otherRevoked.isRevoked("jti-1")).isTrue();
		assertThat(otherRevoked.isRevoked("jti-2")).isFalse();
		assertThat(otherRevoked.isRevoked("jti-expired")).isFalse();
	}

	@Test
	void aTokenRotatedByOneInstanceIsDetectedAsReusedByAnother() {
		Family family = new Family(UUID.randomUUID().toString(), "dave-" + UUID.randomUUID(),
				Instant.now().plusSeconds(3600));
		store.create(family, new Token("first" + family.id(), family.id(), Instant.now().plusSeconds(60)));
		assertThat(store.consume("first" + family.id()).outcome()).isEqualTo(Outcome.CONSUMED);
		otherStore.add(new Token("second" + family.id(), family.id(), Instant.now().plusSeconds(60)));
		assertThat(otherStore.consume("first" + family.id()).outcome()).isEqualTo(Outcome.REUSED);
		otherStore.revokeFamily(family.id());
		assertThat(store.consume("second" + family.id()).outcome()).isEqualTo(Outcome.REVOKED);
	}

	@Test
	void revokingAFamilyThatExpiredDoesNotRecreateIt() {
		String familyId = UUID.randomUUID().toString();
		store.revokeFamily(familyId);
		assertThat(new StringRedisTemplate(connectionFactory).hasKey(familyKeyOf(familyId))).isFalse();
	}

	private static String familyKeyOf(String familyId) {
		return prefix + "rf:{" + familyId + "}";
	}

}
