package dev.secureapi.example.admin;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a refused start-up administrator.
 */
public class AdminBootstrapFailureAnalyzer extends AbstractFailureAnalyzer<AdminBootstrapException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AdminBootstrapException cause) {
		String action = cause.getAction();
		return new FailureAnalysis(
				"The administrator from APP_ADMIN_USERNAME / APP_ADMIN_PASSWORD was refused:\n  - "
						+ String.join("\n  - ", cause.getReasons()),
				(action != null) ? action : "Set both variables, with a password of at least "
						+ AdminPasswordPolicy.MIN_LENGTH
						+ " characters mixing at least three of lower case, upper case, digits and other characters,"
						+ " or set neither to start without an administrator.",
				cause);
	}

}
