package dev.secureapi.security.production;

import org.springframework.util.Assert;

/**
 * One insecure setting found at start-up.
 *
 * @param id a stable identifier such as {@code transport.https-not-required}, which
 * {@code secure-api.production-checks.ignored} can name to accept the finding
 * @param problem what is insecure, for a person reading the start-up log
 * @param action what to change to fix it
 * @since 0.1.0
 */
public record ProductionFinding(String id, String problem, String action) {

	/**
	 * Creates a finding.
	 * @param id the identifier
	 * @param problem what is insecure
	 * @param action what to do about it
	 */
	public ProductionFinding {
		Assert.hasText(id, "'id' must not be empty");
		Assert.hasText(problem, "'problem' must not be empty");
		Assert.hasText(action, "'action' must not be empty");
	}

}
