package dev.secureapi.security.logging;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.secureapi.security.production.ProductionCheck;
import dev.secureapi.security.production.ProductionFinding;

/**
 * Reports log output that secure-api cannot mask: console or file output without a
 * structured format (the starter sets the console's when it is not set, so this is a
 * safety net for the console), and masking switched off.
 */
class LoggingProductionCheck implements ProductionCheck {

	private final Environment environment;

	private final LoggingProperties properties;

	/**
	 * Creates a check.
	 * @param environment the environment holding the {@code logging.*} properties
	 * @param properties the logging settings
	 */
	LoggingProductionCheck(Environment environment, LoggingProperties properties) {
		this.environment = environment;
		this.properties = properties;
	}

	@Override
	public List<ProductionFinding> check() {
		List<ProductionFinding> findings = new ArrayList<>();
		if (!this.properties.getMasking().isEnabled()) {
			findings.add(new ProductionFinding("logging.masking-disabled",
					"Log masking is switched off: tokens, passwords and e-mail addresses in log lines are written as they are",
					"Remove secure-api.logging.masking.enabled=false"));
		}
		if (isConsoleLogging() && !hasText("logging.structured.format.console")) {
			findings.add(new ProductionFinding("logging.not-structured",
					"Console logs are plain text, which is not masked: tokens, passwords and e-mail addresses in log lines are written as they are",
					"Remove the empty logging.structured.format.console so the starter's masked default applies, or set "
							+ "secure-api.logging.console-format (ecs, logstash, gelf or plain)"));
		}
		if ((hasText("logging.file.name") || hasText("logging.file.path"))
				&& !hasText("logging.structured.format.file")) {
			findings.add(new ProductionFinding("logging.file-not-structured",
					"The log file is plain text, which is not masked: tokens, passwords and e-mail addresses in log lines are written as they are",
					"Set logging.structured.format.file=ecs (or logstash, gelf) to write masked JSON logs"));
		}
		return findings;
	}

	private boolean isConsoleLogging() {
		return !"off".equalsIgnoreCase(this.environment.getProperty("logging.threshold.console", "").trim());
	}

	private boolean hasText(String property) {
		return StringUtils.hasText(this.environment.getProperty(property));
	}

}
