package dev.secureapi.security.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.web.cors.CorsConfiguration;

import dev.secureapi.security.production.ProductionCheck;
import dev.secureapi.security.production.ProductionFinding;

/**
 * Reports origin patterns with a wildcard on paths that allow credentials: any site
 * matching the pattern (a forgotten subdomain, a user-content host) can then make
 * credentialed calls and read the answers.
 */
class CorsWithCredentialsProductionCheck implements ProductionCheck {

	/** The finding's id. */
	public static final String ID = "cors.wildcard-origin-with-credentials";

	private final CorsProperties properties;

	/**
	 * Creates a check.
	 * @param properties the CORS settings
	 */
	CorsWithCredentialsProductionCheck(CorsProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<ProductionFinding> check() {
		List<String> patterns = new ArrayList<>();
		for (Map.Entry<String, CorsConfiguration> entry : CorsConfigurations.byPattern(this.properties).entrySet()) {
			CorsConfiguration configuration = entry.getValue();
			List<String> originPatterns = configuration.getAllowedOriginPatterns();
			if (Boolean.TRUE.equals(configuration.getAllowCredentials()) && originPatterns != null
					&& originPatterns.stream().anyMatch((pattern) -> pattern.contains("*"))) {
				patterns.add(entry.getKey());
			}
		}
		if (patterns.isEmpty()) {
			return List.of();
		}
		return List.of(new ProductionFinding(ID,
				"CORS allows credentials for wildcard origin patterns on " + String.join(", ", patterns)
						+ ", so any matching site can make credentialed calls and read the answers.",
				"List exact origins in secure-api.cors.allowed-origins, or set secure-api.cors.allow-credentials=false."));
	}

}
