package dev.secureapi.security.jwt;

import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Access to package-private JWT pieces for tests in other packages.
 */
public final class JwtTestSupport {

	private JwtTestSupport() {
	}

	public static FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = new InvalidJwtKeyFailureAnalyzer().analyze(failure);
		if (analysis == null) {
			throw new AssertionError("not analysed", failure);
		}
		return analysis;
	}

}
