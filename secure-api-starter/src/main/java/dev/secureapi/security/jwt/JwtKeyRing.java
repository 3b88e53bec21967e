package dev.secureapi.security.jwt;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The configured keys by id, and the one that signs new tokens. Every key in the ring
 * verifies; removing a key from the configuration is what retires its tokens.
 */
final class JwtKeyRing implements VerificationKeyResolver {

	private final Map<String, JwtKey> keys;

	private final JwtKey active;

	private JwtKeyRing(Map<String, JwtKey> keys, JwtKey active) {
		this.keys = keys;
		this.active = active;
	}

	/**
	 * Creates a ring.
	 * @param keys the keys, with distinct ids
	 * @param activeKeyId the id of the signing key; may be {@code null} when there is
	 * exactly one key
	 * @return the ring
	 * @throws InvalidJwtKeyException when ids repeat, the active key is unknown or cannot
	 * sign
	 */
	static JwtKeyRing of(List<JwtKey> keys, @Nullable String activeKeyId) {
		Map<String, JwtKey> byId = new LinkedHashMap<>();
		for (JwtKey key : keys) {
			if (byId.put(key.id(), key) != null) {
				throw new InvalidJwtKeyException("secure-api.jwt.keys", "the key id '" + key.id() + "' is used twice");
			}
		}
		JwtKey active;
		if (activeKeyId != null) {
			active = byId.get(activeKeyId);
			if (active == null) {
				throw new InvalidJwtKeyException("secure-api.jwt.active-key-id",
						"no key with id '" + activeKeyId + "' is configured");
			}
		}
		else if (byId.size() == 1) {
			active = byId.values().iterator().next();
		}
		else {
			throw new InvalidJwtKeyException("secure-api.jwt.active-key-id",
					"several keys are configured, so the one that signs must be named");
		}
		if (active.signingKey() == null) {
			throw new InvalidJwtKeyException("secure-api.jwt.active-key-id",
					"the active key '" + active.id() + "' has no private key or secret to sign with");
		}
		return new JwtKeyRing(Map.copyOf(byId), active);
	}

	/**
	 * The key that signs new tokens.
	 * @return the active key
	 */
	JwtKey active() {
		return this.active;
	}

	/**
	 * Finds a key by id.
	 * @param id the {@code kid} of a token, or {@code null} when the token has none
	 * @return the key, or {@code null} when the id is unknown, or when the token names no
	 * key and more than one key is configured
	 */
	@Nullable JwtKey find(@Nullable String id) {
		if (id == null) {
			return (this.keys.size() == 1) ? this.active : null;
		}
		return this.keys.get(id);
	}

	@Override
	public JwtKey resolve(@Nullable String keyId) {
		JwtKey key = find(keyId);
		if (key == null) {
			throw new InvalidTokenException(InvalidTokenException.Reason.UNKNOWN_KEY,
					(keyId != null) ? "unknown kid" : "token without kid while several keys are configured");
		}
		return key;
	}

	/**
	 * All keys.
	 * @return the keys
	 */
	Collection<JwtKey> keys() {
		return this.keys.values();
	}

}
