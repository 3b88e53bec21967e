package dev.secureapi.example.production;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.secureapi.security.production.ProductionCheck;
import dev.secureapi.security.production.ProductionFinding;

/**
 * Reports the example's development defaults: an in-memory H2 database (every restart
 * loses all users) and an in-process cache (instances behind a load balancer would each
 * keep their own, so a change made through one is not seen by the others until the TTL).
 * In the default profile the starter's checks log them as one warning; in {@code prod}
 * ({@code secure-api.production-checks.mode=fail}) they stop start-up.
 */
@Component
public class DevelopmentDefaultsCheck implements ProductionCheck {

	/** The finding for an embedded database. */
	public static final String EMBEDDED_DATABASE = "example.database-embedded";

	/** The finding for a cache that is not shared between instances. */
	public static final String IN_PROCESS_CACHE = "example.cache-in-process";

	private final Environment environment;

	DevelopmentDefaultsCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public List<ProductionFinding> check() {
		List<ProductionFinding> findings = new ArrayList<>();
		String url = this.environment.getProperty("spring.datasource.url", "");
		if (url.isBlank() || url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
			findings.add(new ProductionFinding(EMBEDDED_DATABASE,
					"The database is the embedded H2 development default: every restart loses all users.",
					"Set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) to a PostgreSQL database."));
		}
		String cache = this.environment.getProperty("spring.cache.type", "");
		if (!"redis".equalsIgnoreCase(cache.trim())) {
			findings.add(new ProductionFinding(IN_PROCESS_CACHE,
					"The cache is in-process (spring.cache.type=" + cache + "): instances do not share it, so a "
							+ "change made through one instance is not seen by the others until the cache TTL.",
					"Run with the prod profile (spring.cache.type=redis) and set SPRING_DATA_REDIS_URL."));
		}
		return findings;
	}

}
