package dev.secureapi.security.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Refresh tokens in Redis, on a single server, a Sentinel-managed primary or Redis
 * Cluster. A family is a hash at {@code <prefix>rf:{<family id>}} and each of its tokens
 * a hash at {@code <prefix>rt:{<family id>}:<token hash>}: the hash tag puts a family and
 * its tokens in one cluster slot, so every script touches one slot only. A token's family
 * is found through {@code <prefix>rti:<token hash>}, and a user's families through the
 * set {@code <prefix>rs:<subject>}; every key expires with its family.
 * <p>
 * Spending a token is one Lua script on the token and its family, so of two concurrent
 * requests with the same token exactly one sees it unused, whichever instance each
 * reaches. Spent tokens stay until their family expires, so reuse is detected. Revoking a
 * user's families revokes each family listed at that moment, one atomic step per family.
 */
final class RedisRefreshTokenStore implements RefreshTokenStore {

	/**
	 * Starts a family with its first token: {@code KEYS} family, token; {@code ARGV}
	 * subject, expiry, idle.
	 */
	private static final RedisScript<Long> CREATE = RedisScript.of("""
			redis.call('HSET', KEYS[1], 'subject', ARGV[1], 'expires', ARGV[2], 'revoked', '0')
			redis.call('PEXPIREAT', KEYS[1], ARGV[2])
			redis.call('HSET', KEYS[2], 'used', '0', 'idle', ARGV[3])
			redis.call('PEXPIREAT', KEYS[2], ARGV[2])
			return 1
			""", Long.class);

	/**
	 * Adds a token to a family that still exists: {@code KEYS} family, token;
	 * {@code ARGV} idle.
	 */
	private static final RedisScript<String> ADD = RedisScript.of("""
			local expires = redis.call('HGET', KEYS[1], 'expires')
			if not expires then return false end
			redis.call('HSET', KEYS[2], 'used', '0', 'idle', ARGV[1])
			redis.call('PEXPIREAT', KEYS[2], expires)
			return expires
			""", String.class);

	/** Spends a token: {@code KEYS} token, family. */
	private static final RedisScript<List<String>> CONSUME = RedisScript.of("""
			local token = redis.call('HMGET', KEYS[1], 'used', 'idle')
			if not token[2] then return {'UNKNOWN'} end
			local family = redis.call('HMGET', KEYS[2], 'subject', 'expires', 'revoked')
			if not family[1] then return {'UNKNOWN'} end
			local outcome = 'CONSUMED'
			if token[1] == '1' then outcome = 'REUSED'
			elseif family[3] == '1' then outcome = 'REVOKED' end
			redis.call('HSET', KEYS[1], 'used', '1')
			return {outcome, family[1], family[2], token[2]}
			""", listOfStrings());

	/**
	 * Revokes a family that still exists (never recreating an expired one without
	 * expiry): {@code KEYS} family.
	 */
	private static final RedisScript<Long> REVOKE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then
			  redis.call('HSET', KEYS[1], 'revoked', '1')
			  return 1
			end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	/**
	 * Creates a store.
	 * @param redis the template, from the application's connection factory
	 * @param prefix prefix of every key
	 */
	RedisRefreshTokenStore(StringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	public void create(Family family, Token token) {
		String expires = Long.toString(family.expiresAt().toEpochMilli());
		this.redis.execute(CREATE, List.of(familyKey(family.id()), tokenKey(family.id(), token.hash())),
				family.subject(), expires, Long.toString(token.idleExpiresAt().toEpochMilli()));
		String subjectKey = this.prefix + "rs:" + family.subject();
		this.redis.opsForSet().add(subjectKey, family.id());
		Long ttl = this.redis.getExpire(subjectKey);
		if (ttl == null || ttl < 0 || Instant.now().plusSeconds(ttl).isBefore(family.expiresAt())) {
			this.redis.expireAt(subjectKey, family.expiresAt());
		}
		index(token, family.expiresAt());
	}

	@Override
	public void add(Token token) {
		String expires = this.redis.execute(ADD,
				List.of(familyKey(token.familyId()), tokenKey(token.familyId(), token.hash())),
				Long.toString(token.idleExpiresAt().toEpochMilli()));
		if (expires != null) {
			index(token, Instant.ofEpochMilli(Long.parseLong(expires)));
		}
	}

	/**
	 * Makes a token findable by its hash, once it is stored in its family's slot.
	 * @param token the stored token
	 * @param familyExpiresAt when its family expires: the index lives as long
	 */
	private void index(Token token, Instant familyExpiresAt) {
		String key = indexKey(token.hash());
		this.redis.opsForValue().set(key, token.familyId());
		this.redis.expireAt(key, familyExpiresAt);
	}

	@Override
	public Consumption consume(String tokenHash) {
		Optional<String> familyId = findFamilyId(tokenHash);
		if (familyId.isEmpty()) {
			return Consumption.unknown();
		}
		List<String> result = this.redis.execute(CONSUME,
				List.of(tokenKey(familyId.get(), tokenHash), familyKey(familyId.get())));
		if (result == null || result.size() < 4) {
			return Consumption.unknown();
		}
		Family family = new Family(familyId.get(), result.get(1), Instant.ofEpochMilli(Long.parseLong(result.get(2))));
		return new Consumption(Outcome.valueOf(result.get(0)), family,
				Instant.ofEpochMilli(Long.parseLong(result.get(3))));
	}

	@Override
	public Optional<String> findFamilyId(String tokenHash) {
		return Optional.ofNullable(this.redis.opsForValue().get(indexKey(tokenHash)));
	}

	@Override
	public void revokeFamily(String familyId) {
		this.redis.execute(REVOKE, List.of(familyKey(familyId)));
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

	private String tokenKey(String familyId, String hash) {
		return this.prefix + "rt:{" + familyId + "}:" + hash;
	}

	private String familyKey(String familyId) {
		return this.prefix + "rf:{" + familyId + "}";
	}

	private String indexKey(String hash) {
		return this.prefix + "rti:" + hash;
	}

}
