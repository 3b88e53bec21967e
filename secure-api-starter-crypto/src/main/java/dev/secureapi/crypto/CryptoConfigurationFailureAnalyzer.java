package dev.secureapi.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link CryptoConfigurationException} at start-up.
 */
class CryptoConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CryptoConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CryptoConfigurationException cause) {
		return new FailureAnalysis("Field encryption is misconfigured: " + cause.getMessage(), cause.getAction(),
				cause);
	}

}
