package dev.secureapi.security.jwt;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An access token that passed every check.
 *
 * @param subject the {@code sub} claim: the user id
 * @param roles the role names, without {@code ROLE_}
 * @param tokenId the {@code jti} claim, or {@code null} for an external token without one
 * @param expiresAt the {@code exp} claim
 * @param claims all claims
 * @since 0.1.0
 */
public record VerifiedToken(String subject, List<String> roles, @Nullable String tokenId, Instant expiresAt,
		Map<String, Object> claims) {

	/**
	 * Creates a verified token.
	 * @param subject the subject
	 * @param roles the role names
	 * @param tokenId the token id
	 * @param expiresAt the expiry
	 * @param claims the claims
	 */
	public VerifiedToken {
		roles = List.copyOf(roles);
		claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
	}

}
