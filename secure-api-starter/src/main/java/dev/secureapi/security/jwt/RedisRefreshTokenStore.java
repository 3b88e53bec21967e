package dev.secureapi.security.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Refresh tokens in Redis. A token is a hash at {@code <prefix>rt:<token hash>}, a family a hash at
 * {@code <prefix>rf:<family id>}, and a user's families a set at {@code <prefix>rs:<subject>}; every key expires
 * with its family. Spending a token is one Lua script, so of two concurrent requests with the same token exactly
 * one sees it unused. Spent tokens stay until their family expires, so reuse is detected. Single-node or
 * primary/replica Redis only: the script touches keys it derives, which Redis Cluster does not allow.
 */
public final class RedisRefreshTokenStore implements RefreshTokenStore {

	private static final RedisScript<List<String>> CONSUME = RedisScript.of("""
			local token = redis.call('HMGET', KEYS[1], 'family', 'used', 'idle')
			if not token[1] then return {'UNKNOWN'} end
			local family = redis.call('HMGET', ARGV[1] .. token[1], 'subject', 'expires', 'revoked')
			if not family[1] then return {'UNKNOWN'} end
			local outcome = 'CONSUMED'
			if token[2] == '1' then outcome = 'REUSED'
			elseif family[3] == '1' then outcome = 'REVOKED' end
			redis.call('HSET', KEYS[1], 'used', '1')
			return {outcome, token[1], family[1], family[2], token[3]}
			""", listOfStrings());

	private final StringRedisTemplate redis;

	private final String prefix;

	/**
	 * Creates a store.
	 * @param redis the template, from the application's connection factory
	 * @param prefix prefix of every key
	 */
	public RedisRefreshTokenStore(StringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	public void create(Family family, Token token) {
		String key = familyKey(family.id());
		this.redis.opsForHash()
			.putAll(key, Map.of("subject", family.subject(), "expires", Long.toString(family.expiresAt().toEpochMilli()),
					"revoked", "0"));
		this.redis.expireAt(key, family.expiresAt());
		String subjectKey = this.prefix + "rs:" + family.subject();
		this.redis.opsForSet().add(subjectKey, family.id());
		Long ttl = this.redis.getExpire(subjectKey);
		if (ttl == null || ttl < 0 || Instant.now().plusSeconds(ttl).isBefore(family.expiresAt())) {
			this.redis.expireAt(subjectKey, family.expiresAt());
		}
		add(token, family.expiresAt());
	}

	@Override
	public void add(Token token) {
		Object expires = this.redis.opsForHash().get(familyKey(token.familyId()), "expires");
		if (expires != null) {
			add(token, Instant.ofEpochMilli(Long.parseLong(expires.toString())));
		}
	}

	private void add(Token token, Instant familyExpiresAt) {
		String key = tokenKey(token.hash());
		this.redis.opsForHash()
			.putAll(key, Map.of("family", token.familyId(), "used", "0", "idle",
					Long.toString(token.idleExpiresAt().toEpochMilli())));
		this.redis.expireAt(key, familyExpiresAt);
	}

	@Override
	public Consumption consume(String tokenHash) {
		List<String> result = this.redis.execute(CONSUME, List.of(tokenKey(tokenHash)), this.prefix + "rf:");
		if (result == null || result.size() < 5) {
			return Consumption.unknown();
		}
		Family family = new Family(result.get(1), result.get(2), Instant.ofEpochMilli(Long.parseLong(result.get(3))));
		return new Consumption(Outcome.valueOf(result.get(0)), family,
				Instant.ofEpochMilli(Long.parseLong(result.get(4))));
	}

	@Override
	public Optional<String> findFamilyId(String tokenHash) {
		Object family = this.redis.opsForHash().get(tokenKey(tokenHash), "family");
		return Optional.ofNullable(family).map(Object::toString);
	}

	@Override
	public void revokeFamily(String familyId) {
		String key = familyKey(familyId);
		if (Boolean.TRUE.equals(this.redis.hasKey(key))) {
			this.redis.opsForHash().put(key, "revoked", "1");
		}
	}

	@Override
	public void revokeSubject(String subject) {
		var families = this.redis.opsForSet().members(this.prefix + "rs:" + subject);
		if (families != null) {
			families.forEach(this::revokeFamily);
		}
	}

	@SuppressWarnings("unchecked")
	private static Class<List<String>> listOfStrings() {
		return (Class<List<String>>) (Class<?>) List.class;
	}

	private String tokenKey(String hash) {
		return this.prefix + "rt:" + hash;
	}

	private String familyKey(String familyId) {
		return this.prefix + "rf:" + familyId;
	}

}
