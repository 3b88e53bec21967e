package dev.secureapi.security.jwt;

import java.time.Instant;

/**
 * An issued access token.
 *
 * @param value the compact JWS, sent as {@code Authorization: Bearer <value>}
 * @param tokenId its {@code jti}
 * @param expiresAt its {@code exp}
 * @param expiresIn seconds until it expires, for the token response's {@code expires_in}
 * @since 0.1.0
 */
public record AccessToken(String value, String tokenId, Instant expiresAt, long expiresIn) {

	@Override
	public String toString() {
		return "AccessToken[tokenId=" + this.tokenId + ", expiresAt=" + this.expiresAt + "]";
	}

}
