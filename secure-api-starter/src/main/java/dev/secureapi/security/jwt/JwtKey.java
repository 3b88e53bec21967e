package dev.secureapi.security.jwt;

import java.security.Key;

import org.jspecify.annotations.Nullable;

/**
 * One configured key: its id, the one algorithm it is pinned to, the key that verifies
 * and, for a key that may sign, the key that signs.
 *
 * @param id the key id ({@code kid})
 * @param algorithm the only algorithm accepted with this key
 * @param verificationKey the secret or public key that verifies signatures
 * @param signingKey the secret or private key that signs, or {@code null} for a
 * verify-only key
 * @since 0.1.0
 */
public record JwtKey(String id, JwtAlgorithm algorithm, Key verificationKey, @Nullable Key signingKey) {

}
