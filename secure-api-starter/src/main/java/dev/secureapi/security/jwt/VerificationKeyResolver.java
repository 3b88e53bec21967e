package dev.secureapi.security.jwt;

import org.jspecify.annotations.Nullable;

/**
 * Finds the key that verifies a token from its {@code kid}, from configured keys or an
 * identity provider's JWK set, never from anything else the token carries ({@code jku},
 * {@code x5u}, {@code jwk} are ignored).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface VerificationKeyResolver {

	/**
	 * Resolves a key.
	 * @param keyId the token's {@code kid}, or {@code null} when it has none
	 * @return the key, pinned to its algorithm
	 * @throws InvalidTokenException with {@link InvalidTokenException.Reason#UNKNOWN_KEY}
	 * when no key matches
	 */
	JwtKey resolve(@Nullable String keyId);

}
