package dev.secureapi.ratelimit;

import java.util.ArrayList;
import java.util.List;

import dev.secureapi.security.production.ProductionCheck;
import dev.secureapi.security.production.ProductionFinding;

/**
 * Reports rate-limit settings that do not hold in production.
 */
class RateLimitProductionCheck implements ProductionCheck {

	private final RateLimitProperties properties;

	private final RateLimitBackend backend;

	RateLimitProductionCheck(RateLimitProperties properties, RateLimitBackend backend) {
		this.properties = properties;
		this.backend = backend;
	}

	@Override
	public List<ProductionFinding> check() {
		List<ProductionFinding> findings = new ArrayList<>();
		if (this.backend instanceof LocalRateLimitBackend && this.properties.getExpectedInstances() > 1) {
			findings.add(new ProductionFinding("rate-limit.local-backend-with-several-instances",
					"Rate limits use the local backend while " + this.properties.getExpectedInstances()
							+ " instances are declared, so each instance admits the full capacity",
					"Add spring-boot-starter-data-redis and configure Redis, or set "
							+ "secure-api.rate-limit.backend=redis"));
		}
		if (this.properties.getLogin().isEnabled() && this.properties.getLogin().isFailOpen()) {
			findings.add(new ProductionFinding("rate-limit.login-fail-open",
					"The login guard lets every login attempt through while its backend is unreachable, "
							+ "so an outage opens unlimited password guessing",
					"Set secure-api.rate-limit.login.fail-open=false"));
		}
		return findings;
	}

}
