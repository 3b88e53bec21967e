package dev.secureapi.crypto;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of envelope field encryption.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("secure-api.crypto")
@Validated
public class CryptoProperties {

	/**
	 * Whether field encryption is configured.
	 */
	private boolean enabled = true;

	/**
	 * Which key provider wraps data keys: local (development only), aws-kms or
	 * vault-transit.
	 */
	@NotNull
	private Provider provider = Provider.LOCAL;

	@Valid
	private final DataKeyCache dataKeyCache = new DataKeyCache();

	@Valid
	private final Local local = new Local();

	@Valid
	private final AwsKms awsKms = new AwsKms();

	@Valid
	private final VaultTransit vaultTransit = new VaultTransit();

	@Valid
	private final BlindIndex blindIndex = new BlindIndex();

	@Valid
	private final Rotation rotation = new Rotation();

	/**
	 * After a failed call to the key provider (down, hanging until its timeout, or
	 * refusing), how long further calls are refused at once (503) instead of each waiting
	 * for the provider's timeout. 0 calls the provider every time.
	 */
	private Duration providerBackoff = Duration.ZERO;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Provider getProvider() {
		return this.provider;
	}

	public void setProvider(Provider provider) {
		this.provider = provider;
	}

	public DataKeyCache getDataKeyCache() {
		return this.dataKeyCache;
	}

	public Local getLocal() {
		return this.local;
	}

	public AwsKms getAwsKms() {
		return this.awsKms;
	}

	public VaultTransit getVaultTransit() {
		return this.vaultTransit;
	}

	public BlindIndex getBlindIndex() {
		return this.blindIndex;
	}

	public Rotation getRotation() {
		return this.rotation;
	}

	public Duration getProviderBackoff() {
		return this.providerBackoff;
	}

	public void setProviderBackoff(Duration providerBackoff) {
		this.providerBackoff = providerBackoff;
	}

	/**
	 * The key providers.
	 */
	public enum Provider {

		/** Master keys from the application's configuration; for development only. */
		LOCAL,

		/** AWS KMS through the AWS SDK v2. */
		AWS_KMS,

		/** Vault's transit secrets engine through Spring Vault. */
		VAULT_TRANSIT

	}

	/**
	 * Limits on data-key use and caching.
	 */
	public static class DataKeyCache {

		/**
		 * How long an unwrapped data key stays cached, and how long one data key encrypts
		 * new values.
		 */
		@NotNull
		private Duration maxAge = Duration.ofMinutes(15);

		/**
		 * Maximum number of unwrapped data keys held in memory.
		 */
		@Min(1)
		private int maxEntries = 1000;

		/**
		 * Maximum number of values one data key encrypts before a new one is generated;
		 * at most 2^32 for random AES-GCM nonces.
		 */
		@Min(1)
		@Max(4_294_967_296L)
		private long maxUses = 1L << 24;

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public long getMaxUses() {
			return this.maxUses;
		}

		public void setMaxUses(long maxUses) {
			this.maxUses = maxUses;
		}

	}

	/**
	 * The local development provider.
	 */
	public static class Local {

		/**
		 * Base64 of the 32-byte master key. When unset, a random key is made at start-up
		 * and every encrypted value becomes unreadable when the application stops.
		 */
		private @Nullable String masterKey;

		/**
		 * Id of the master key, stored with each data key it wraps.
		 */
		@NotBlank
		private String masterKeyId = "local";

		/**
		 * Earlier master keys (id to Base64) that still unwrap data keys until they are
		 * rewrapped.
		 */
		private Map<String, String> previousMasterKeys = new LinkedHashMap<>();

		/**
		 * PKCS12 key store holding the master key as an AES secret-key entry, instead of
		 * master-key.
		 */
		private @Nullable Resource keyStore;

		/**
		 * Password of the key store and of its entry.
		 */
		private @Nullable String keyStorePassword;

		/**
		 * Alias of the master key's entry in the key store.
		 */
		private String keyAlias = "secure-api-master";

		public @Nullable Resource getKeyStore() {
			return this.keyStore;
		}

		public void setKeyStore(@Nullable Resource keyStore) {
			this.keyStore = keyStore;
		}

		public @Nullable String getKeyStorePassword() {
			return this.keyStorePassword;
		}

		public void setKeyStorePassword(@Nullable String keyStorePassword) {
			this.keyStorePassword = keyStorePassword;
		}

		public String getKeyAlias() {
			return this.keyAlias;
		}

		public void setKeyAlias(String keyAlias) {
			this.keyAlias = keyAlias;
		}

		public @Nullable String getMasterKey() {
			return this.masterKey;
		}

		public void setMasterKey(@Nullable String masterKey) {
			this.masterKey = masterKey;
		}

		public String getMasterKeyId() {
			return this.masterKeyId;
		}

		public void setMasterKeyId(String masterKeyId) {
			this.masterKeyId = masterKeyId;
		}

		public Map<String, String> getPreviousMasterKeys() {
			return this.previousMasterKeys;
		}

		public void setPreviousMasterKeys(Map<String, String> previousMasterKeys) {
			this.previousMasterKeys = previousMasterKeys;
		}

	}

	/**
	 * The AWS KMS provider.
	 */
	public static class AwsKms {

		/**
		 * The KMS key that wraps data keys: key id, key ARN, alias name or alias ARN.
		 */
		private @Nullable String keyId;

		/**
		 * AWS region of the key; when unset, the SDK's default region chain decides.
		 */
		private @Nullable String region;

		/**
		 * Endpoint to call instead of the region's KMS endpoint, such as a VPC endpoint
		 * or LocalStack.
		 */
		private @Nullable URI endpoint;

		/**
		 * Encryption context sent with every call. It is logged in CloudTrail: name the
		 * application, never a person.
		 */
		private Map<String, String> encryptionContext = new LinkedHashMap<>(Map.of("purpose", "secure-api-field"));

		/**
		 * Time limit for one KMS operation, retries included; a write waiting longer
		 * fails with 503.
		 */
		@NotNull
		private Duration timeout = Duration.ofSeconds(5);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable String getKeyId() {
			return this.keyId;
		}

		public void setKeyId(@Nullable String keyId) {
			this.keyId = keyId;
		}

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

		public Map<String, String> getEncryptionContext() {
			return this.encryptionContext;
		}

		public void setEncryptionContext(Map<String, String> encryptionContext) {
			this.encryptionContext = encryptionContext;
		}

	}

	/**
	 * The Vault transit provider. A {@code VaultTemplate} bean is used when the
	 * application has one; otherwise one is built from the URI and token here.
	 */
	public static class VaultTransit {

		/**
		 * Vault's address, such as https://vault.example.com:8200.
		 */
		private @Nullable URI uri;

		/**
		 * Vault token used when the starter builds its own VaultTemplate.
		 */
		private @Nullable String token;

		/**
		 * Mount path of the transit secrets engine.
		 */
		@NotBlank
		private String path = "transit";

		/**
		 * Name of the transit key that wraps data keys.
		 */
		private @Nullable String keyName;

		/**
		 * Connect and read timeout of the VaultTemplate the starter builds.
		 */
		@NotNull
		private Duration timeout = Duration.ofSeconds(5);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable URI getUri() {
			return this.uri;
		}

		public void setUri(@Nullable URI uri) {
			this.uri = uri;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public @Nullable String getKeyName() {
			return this.keyName;
		}

		public void setKeyName(@Nullable String keyName) {
			this.keyName = keyName;
		}

	}

	/**
	 * Blind indexes.
	 */
	public static class BlindIndex {

		/**
		 * Base64 of the dedicated blind-index key, at least 32 bytes. When unset, a
		 * random key is made at start-up, so indexes stop matching after a restart.
		 */
		private @Nullable String key;

		/**
		 * Length of truncated blind indexes in bits.
		 */
		@Min(8)
		@Max(256)
		private int bits = 32;

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public int getBits() {
			return this.bits;
		}

		public void setBits(int bits) {
			this.bits = bits;
		}

	}

	/**
	 * Re-encryption after data-key rotation.
	 */
	public static class Rotation {

		/**
		 * Encrypted columns that re-encryption visits.
		 */
		@Valid
		private List<Column> columns = new ArrayList<>();

		/**
		 * Rows read per re-encryption query.
		 */
		@Min(1)
		private int batchSize = 500;

		public List<Column> getColumns() {
			return this.columns;
		}

		public void setColumns(List<Column> columns) {
			this.columns = columns;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

	/**
	 * One encrypted column.
	 */
	public static class Column {

		/**
		 * Table holding the column.
		 */
		@NotBlank
		private String table = "";

		/**
		 * Primary-key column of the table.
		 */
		@NotBlank
		private String idColumn = "id";

		/**
		 * The encrypted column.
		 */
		@NotBlank
		private String column = "";

		/**
		 * Optimistic-locking version column, incremented with each re-encrypted row.
		 */
		private @Nullable String versionColumn;

		/**
		 * Context the values are bound to, as table.column; defaults to the table and
		 * column.
		 */
		private @Nullable String context;

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

		public String getIdColumn() {
			return this.idColumn;
		}

		public void setIdColumn(String idColumn) {
			this.idColumn = idColumn;
		}

		public String getColumn() {
			return this.column;
		}

		public void setColumn(String column) {
			this.column = column;
		}

		public @Nullable String getVersionColumn() {
			return this.versionColumn;
		}

		public void setVersionColumn(@Nullable String versionColumn) {
			this.versionColumn = versionColumn;
		}

		public @Nullable String getContext() {
			return this.context;
		}

		public void setContext(@Nullable String context) {
			this.context = context;
		}

	}

}
