package dev.secureapi.security.jwt;

import java.time.Instant;

/**
 * The ids ({@code jti}) of access tokens revoked before their expiry. An id needs to be
 * kept only until the token's {@code exp} plus the verifier's clock skew: after that the
 * token is rejected anyway.
 *
 * @since 0.1.0
 */
public interface RevokedTokenStore {

	/**
	 * Revokes a token id.
	 * @param tokenId the {@code jti}
	 * @param expiresAt when the entry may be forgotten: the token's {@code exp} plus the
	 * clock skew (the kit's {@code TokenService} passes that sum)
	 */
	void revoke(String tokenId, Instant expiresAt);

	/**
	 * Whether a token id was revoked.
	 * @param tokenId the {@code jti}
	 * @return {@code true} if it was revoked and has not expired
	 */
	boolean isRevoked(String tokenId);

}
