package dev.secureapi.security.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.secureapi.security.production.ProductionCheck;
import dev.secureapi.security.production.ProductionFinding;

/**
 * Start-up findings about JWT settings: a missing or sample key, no issuer or audience, a
 * long access-token lifetime, and refresh tokens kept in memory.
 */
class JwtProductionCheck implements ProductionCheck {

	/** Secrets copied from documentation and samples, which an attacker tries first. */
	private static final Set<String> SAMPLE_SECRETS = Set.of("changeit", "changeme", "secret", "your-256-bit-secret",
			"mysecretkey", "0123456789abcdef0123456789abcdef", "change-me-to-a-long-random-secret-value",
			"this-is-a-development-secret-of-32-bytes", "dev-only-secret-change-me-in-production-000");

	private final JwtProperties properties;

	/**
	 * Creates a check.
	 * @param properties the JWT properties
	 */
	JwtProductionCheck(JwtProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<ProductionFinding> check() {
		List<ProductionFinding> findings = new ArrayList<>();
		boolean external = this.properties.getJwkSetUri() != null;
		String secret = this.properties.getSecret();
		if (!external && (secret == null || secret.isEmpty()) && this.properties.getKeys().isEmpty()) {
			findings.add(new ProductionFinding("jwt.key-missing",
					"No JWT key is configured: tokens are signed with a random key that changes at every start.",
					"Set secure-api.jwt.secret to base64:<output of 'openssl rand -base64 32'>, or configure "
							+ "secure-api.jwt.keys."));
		}
		weakSecret("secure-api.jwt.secret", this.properties.getSecret(), findings);
		for (int i = 0; i < this.properties.getKeys().size(); i++) {
			weakSecret("secure-api.jwt.keys[" + i + "].secret", this.properties.getKeys().get(i).getSecret(), findings);
		}
		if (this.properties.getIssuer() == null) {
			findings.add(new ProductionFinding("jwt.issuer-missing",
					"secure-api.jwt.issuer is not set, so the " + "issuer of tokens is not checked.",
					"Set secure-api.jwt.issuer to this service's URL."));
		}
		if (this.properties.getAudience() == null) {
			findings.add(new ProductionFinding("jwt.audience-missing",
					"secure-api.jwt.audience is not set, so " + "tokens meant for another service are accepted.",
					"Set secure-api.jwt.audience."));
		}
		if (this.properties.getAccessTokenTtl().compareTo(Duration.ofHours(1)) > 0) {
			findings.add(new ProductionFinding("jwt.access-token-ttl-long",
					"secure-api.jwt.access-token-ttl is " + this.properties.getAccessTokenTtl()
							+ ": a stolen access token stays usable that long.",
					"Set secure-api.jwt.access-token-ttl to 1h or less and renew with refresh tokens."));
		}
		if (!external && this.properties.getRefreshStore() == JwtProperties.RefreshStore.MEMORY) {
			findings.add(new ProductionFinding("jwt.refresh-store-memory",
					"Refresh tokens are kept in memory: "
							+ "they are lost on restart and not shared between instances.",
					"Set secure-api.jwt.refresh-store to jdbc or redis."));
		}
		return findings;
	}

	private static void weakSecret(String property, @Nullable String secret, List<ProductionFinding> findings) {
		if (secret == null || secret.isEmpty()) {
			return;
		}
		boolean sample = SAMPLE_SECRETS.contains(secret.toLowerCase(Locale.ROOT));
		boolean weak = !secret.startsWith("base64:")
				&& secret.getBytes(StandardCharsets.UTF_8).length < JwtKeyLoader.MIN_SECRET_BYTES;
		if (sample || weak) {
			findings.add(new ProductionFinding("jwt.secret-weak",
					property + " is " + (sample ? "a published sample value" : "shorter than 256 bits") + ".",
					"Set " + property + " to base64:<output of 'openssl rand -base64 32'>."));
		}
	}

}
