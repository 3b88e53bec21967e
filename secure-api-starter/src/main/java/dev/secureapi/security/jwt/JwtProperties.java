package dev.secureapi.security.jwt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration properties for JWT access tokens and refresh tokens.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("secure-api.jwt")
@Validated
public class JwtProperties {

	/**
	 * Whether bearer JWT authentication and the token service are enabled.
	 */
	private boolean enabled = true;

	/**
	 * HS256 secret for the single-key case: the UTF-8 bytes of the value, or the decoded
	 * bytes when the value starts with "base64:". At least 32 bytes. Tokens signed with
	 * it carry the key id "default".
	 */
	private @Nullable String secret;

	/**
	 * Signing and verification keys, for key rotation. Every listed key verifies; the one
	 * named by active-key-id signs.
	 */
	private @Valid List<Key> keys = new ArrayList<>();

	/**
	 * Id of the key in "keys" that signs new tokens. Optional when only one key is
	 * listed.
	 */
	private @Nullable String activeKeyId;

	/**
	 * Issuer ("iss") written into issued tokens and required of incoming ones when set.
	 */
	private @Nullable String issuer;

	/**
	 * Audience ("aud") written into issued tokens and required of incoming ones when set.
	 */
	private @Nullable String audience;

	/**
	 * Lifetime of access tokens.
	 */
	@NotNull
	private Duration accessTokenTtl = Duration.ofMinutes(15);

	/**
	 * Absolute lifetime of a refresh-token family, counted from the login that started
	 * it.
	 */
	@NotNull
	private Duration refreshTokenTtl = Duration.ofDays(14);

	/**
	 * How long an unused refresh token stays valid: a family left idle for longer must
	 * log in again.
	 */
	@NotNull
	private Duration refreshTokenIdleTtl = Duration.ofDays(7);

	/**
	 * Tolerated clock difference when checking "exp", "nbf" and "iat".
	 */
	@NotNull
	private Duration clockSkew = Duration.ofSeconds(30);

	/**
	 * Largest accepted access token; longer tokens are rejected before they are parsed.
	 */
	@NotNull
	private DataSize maxTokenSize = DataSize.ofKilobytes(8);

	/**
	 * How many verified access tokens are remembered (by their SHA-256), so a token sent
	 * again is not parsed and its signature not checked again. Expiry, not-before, the
	 * key, revocation and the user check are still checked on every request. 0 turns it
	 * off.
	 */
	@Min(0)
	private int verifiedTokenCacheSize = 10_000;

	/**
	 * How long the answer of the application's TokenUserValidator (is this user still
	 * enabled, and when did the user's authority last change?) is cached per subject:
	 * other instances refuse a changed user's old tokens within this time.
	 */
	@NotNull
	private Duration userCheckTtl = Duration.ofSeconds(30);

	/**
	 * Where refresh tokens are stored.
	 */
	@NotNull
	private RefreshStore refreshStore = RefreshStore.MEMORY;

	/**
	 * Most refresh-token families the in-memory store keeps; the oldest are dropped
	 * beyond it.
	 */
	@Min(1)
	private int inMemoryMaxFamilies = 100_000;

	/**
	 * Prefix of the keys the Redis refresh-token and revoked-token stores write.
	 */
	private String redisKeyPrefix = "secure-api:";

	/**
	 * URI of an external identity provider's JWK set. When set, tokens are verified with
	 * its keys only and this service does not issue access tokens.
	 */
	private @Nullable String jwkSetUri;

	/**
	 * Minimum time between two fetches of the JWK set triggered by a token with an
	 * unknown key id.
	 */
	@NotNull
	private Duration jwkSetRefreshInterval = Duration.ofMinutes(1);

	/**
	 * Path of the claim holding the role names, dot-separated for nested claims (for
	 * example "realm_access.roles").
	 */
	@NotBlank
	private String rolesClaim = "roles";

	/**
	 * Accepted values of the "typ" header. Own tokens carry "at+jwt" (RFC 9068).
	 */
	private List<String> acceptedTypes = new ArrayList<>(List.of("at+jwt", "application/at+jwt"));

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getSecret() {
		return this.secret;
	}

	public void setSecret(@Nullable String secret) {
		this.secret = secret;
	}

	public List<Key> getKeys() {
		return this.keys;
	}

	public void setKeys(List<Key> keys) {
		this.keys = keys;
	}

	public @Nullable String getActiveKeyId() {
		return this.activeKeyId;
	}

	public void setActiveKeyId(@Nullable String activeKeyId) {
		this.activeKeyId = activeKeyId;
	}

	public @Nullable String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(@Nullable String issuer) {
		this.issuer = issuer;
	}

	public @Nullable String getAudience() {
		return this.audience;
	}

	public void setAudience(@Nullable String audience) {
		this.audience = audience;
	}

	public Duration getAccessTokenTtl() {
		return this.accessTokenTtl;
	}

	public void setAccessTokenTtl(Duration accessTokenTtl) {
		this.accessTokenTtl = accessTokenTtl;
	}

	public Duration getRefreshTokenTtl() {
		return this.refreshTokenTtl;
	}

	public void setRefreshTokenTtl(Duration refreshTokenTtl) {
		this.refreshTokenTtl = refreshTokenTtl;
	}

	public Duration getRefreshTokenIdleTtl() {
		return this.refreshTokenIdleTtl;
	}

	public void setRefreshTokenIdleTtl(Duration refreshTokenIdleTtl) {
		this.refreshTokenIdleTtl = refreshTokenIdleTtl;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public int getVerifiedTokenCacheSize() {
		return this.verifiedTokenCacheSize;
	}

	public void setVerifiedTokenCacheSize(int verifiedTokenCacheSize) {
		this.verifiedTokenCacheSize = verifiedTokenCacheSize;
	}

	public DataSize getMaxTokenSize() {
		return this.maxTokenSize;
	}

	public void setMaxTokenSize(DataSize maxTokenSize) {
		this.maxTokenSize = maxTokenSize;
	}

	public Duration getUserCheckTtl() {
		return this.userCheckTtl;
	}

	public void setUserCheckTtl(Duration userCheckTtl) {
		this.userCheckTtl = userCheckTtl;
	}

	public RefreshStore getRefreshStore() {
		return this.refreshStore;
	}

	public void setRefreshStore(RefreshStore refreshStore) {
		this.refreshStore = refreshStore;
	}

	public int getInMemoryMaxFamilies() {
		return this.inMemoryMaxFamilies;
	}

	public void setInMemoryMaxFamilies(int inMemoryMaxFamilies) {
		this.inMemoryMaxFamilies = inMemoryMaxFamilies;
	}

	public String getRedisKeyPrefix() {
		return this.redisKeyPrefix;
	}

	public void setRedisKeyPrefix(String redisKeyPrefix) {
		this.redisKeyPrefix = redisKeyPrefix;
	}

	public @Nullable String getJwkSetUri() {
		return this.jwkSetUri;
	}

	public void setJwkSetUri(@Nullable String jwkSetUri) {
		this.jwkSetUri = jwkSetUri;
	}

	public Duration getJwkSetRefreshInterval() {
		return this.jwkSetRefreshInterval;
	}

	public void setJwkSetRefreshInterval(Duration jwkSetRefreshInterval) {
		this.jwkSetRefreshInterval = jwkSetRefreshInterval;
	}

	public String getRolesClaim() {
		return this.rolesClaim;
	}

	public void setRolesClaim(String rolesClaim) {
		this.rolesClaim = rolesClaim;
	}

	public List<String> getAcceptedTypes() {
		return this.acceptedTypes;
	}

	public void setAcceptedTypes(List<String> acceptedTypes) {
		this.acceptedTypes = acceptedTypes;
	}

	/**
	 * Where refresh tokens are stored.
	 */
	public enum RefreshStore {

		/** In this process's memory: lost on restart and not shared between instances. */
		MEMORY,

		/** In the application's DataSource (schema in classpath:db/secure-api). */
		JDBC,

		/** In Redis, through the application's RedisConnectionFactory. */
		REDIS

	}

	/**
	 * One signing or verification key.
	 */
	public static class Key {

		/**
		 * Key id, written into the "kid" header of tokens it signs.
		 */
		@NotBlank
		private String id = "";

		/**
		 * Signature algorithm of the key.
		 */
		@NotNull
		private JwtAlgorithm algorithm = JwtAlgorithm.HS256;

		/**
		 * HS256 secret (UTF-8 bytes, or decoded bytes after a "base64:" prefix), at least
		 * 32 bytes.
		 */
		private @Nullable String secret;

		/**
		 * PEM private key (PKCS#8, or PKCS#1/SEC1), as the PEM text itself or a resource
		 * location such as "file:/etc/keys/jwt.pem". Needed only by the active key.
		 */
		private @Nullable String privateKey;

		/**
		 * PEM public key (SubjectPublicKeyInfo) or certificate, as the PEM text or a
		 * resource location. Required for EC and EdDSA keys; derived from an RSA private
		 * key when absent.
		 */
		private @Nullable String publicKey;

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public JwtAlgorithm getAlgorithm() {
			return this.algorithm;
		}

		public void setAlgorithm(JwtAlgorithm algorithm) {
			this.algorithm = algorithm;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public @Nullable String getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(@Nullable String privateKey) {
			this.privateKey = privateKey;
		}

		public @Nullable String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable String publicKey) {
			this.publicKey = publicKey;
		}

	}

}
