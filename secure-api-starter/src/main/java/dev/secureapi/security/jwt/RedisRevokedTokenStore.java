package dev.secureapi.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Revoked token ids in Redis, shared by every instance; each entry expires when its token
 * can no longer be accepted.
 */
final class RedisRevokedTokenStore implements RevokedTokenStore {

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Clock clock;

	/**
	 * Creates a store on the system clock.
	 * @param redis the template, from the application's connection factory
	 * @param prefix prefix of every key
	 */
	RedisRevokedTokenStore(StringRedisTemplate redis, String prefix) {
		this(redis, prefix, Clock.systemUTC());
	}

	/**
	 * Creates a store.
	 * @param redis the template, from the application's connection factory
	 * @param prefix prefix of every key
	 * @param clock the clock the entries' time to live is measured from
	 */
	RedisRevokedTokenStore(StringRedisTemplate redis, String prefix, Clock clock) {
		this.redis = redis;
		this.prefix = prefix;
		this.clock = clock;
	}

	@Override
	public void revoke(String tokenId, Instant expiresAt) {
		Duration ttl = Duration.between(this.clock.instant(), expiresAt);
		if (!ttl.isNegative() && !ttl.isZero()) {
			this.redis.opsForValue().set(this.prefix + "rj:" + tokenId, "1", ttl);
		}
	}

	@Override
	public boolean isRevoked(String tokenId) {
		return Boolean.TRUE.equals(this.redis.hasKey(this.prefix + "rj:" + tokenId));
	}

}
