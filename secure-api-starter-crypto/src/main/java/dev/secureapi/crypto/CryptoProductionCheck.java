package dev.secureapi.crypto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.secureapi.security.production.ProductionCheck;
import dev.secureapi.security.production.ProductionFinding;

/**
 * Reports field-encryption settings unfit for production: the local development provider,
 * a missing blind-index key, and data keys cached for more than a day.
 */
class CryptoProductionCheck implements ProductionCheck {

	private static final Duration MAX_CACHE_AGE = Duration.ofHours(24);

	private final CryptoProperties properties;

	/**
	 * Creates a check.
	 * @param properties the crypto configuration
	 */
	CryptoProductionCheck(CryptoProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<ProductionFinding> check() {
		List<ProductionFinding> findings = new ArrayList<>();
		if (this.properties.getProvider() == CryptoProperties.Provider.LOCAL) {
			findings.add(new ProductionFinding("crypto.development-key",
					"Field encryption uses the local development key provider: whoever reads the configuration "
							+ "can decrypt every encrypted column.",
					"Set secure-api.crypto.provider to aws-kms or vault-transit."));
		}
		if (this.properties.getBlindIndex().getKey() == null) {
			findings.add(new ProductionFinding("crypto.blind-index-key-missing",
					"No blind-index key is configured: a random one is used, and lookups by encrypted values stop "
							+ "matching after a restart.",
					"Set secure-api.crypto.blind-index.key to the Base64 of at least 32 random bytes, kept in a "
							+ "secret store."));
		}
		if (this.properties.getDataKeyCache().getMaxAge().compareTo(MAX_CACHE_AGE) > 0) {
			findings.add(new ProductionFinding("crypto.data-key-cache-max-age",
					"Unwrapped data keys stay in memory and in use for more than 24 hours, so revoking the master key "
							+ "takes that long to take effect.",
					"Set secure-api.crypto.data-key-cache.max-age to 24h or less (default 15m)."));
		}
		return findings;
	}

}
