package dev.secureapi.security.jwt;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked token ids in this process's memory, forgotten once the token can no longer be
 * accepted. Not shared between instances: use the Redis store when the service runs more
 * than once.
 */
final class InMemoryRevokedTokenStore implements RevokedTokenStore {

	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * Creates a store.
	 * @param clock the clock deciding when entries expire
	 */
	InMemoryRevokedTokenStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void revoke(String tokenId, Instant expiresAt) {
		Instant now = this.clock.instant();
		this.revoked.values().removeIf(now::isAfter);
		this.revoked.put(tokenId, expiresAt);
	}

	@Override
	public boolean isRevoked(String tokenId) {
		Instant expiresAt = this.revoked.get(tokenId);
		return expiresAt != null && !this.clock.instant().isAfter(expiresAt);
	}

}
