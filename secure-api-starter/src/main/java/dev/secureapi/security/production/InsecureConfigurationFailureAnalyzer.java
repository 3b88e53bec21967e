package dev.secureapi.security.production;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed production check into a start-up report that lists each insecure setting
 * and what to change.
 */
class InsecureConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InsecureConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InsecureConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix each setting listed above, or accept a finding for this deployment by adding its id to "
						+ "secure-api.production-checks.ignored. secure-api.production-checks.mode=warn only logs "
						+ "the findings.",
				cause);
	}

}
