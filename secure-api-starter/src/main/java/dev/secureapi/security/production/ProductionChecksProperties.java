package dev.secureapi.security.production;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Start-up production check settings.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties("secure-api.production-checks")
public class ProductionChecksProperties {

	/**
	 * What to do with insecure settings found at start-up: "off" skips the checks, "warn"
	 * logs every finding in one message, "fail" also stops the application.
	 */
	@NotNull
	private Mode mode = Mode.WARN;

	/**
	 * Ids of findings that are accepted for this deployment and not reported.
	 */
	private Set<String> ignored = new LinkedHashSet<>();

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Set<String> getIgnored() {
		return this.ignored;
	}

	public void setIgnored(Set<String> ignored) {
		this.ignored = ignored;
	}

	/**
	 * What the production checks do with their findings.
	 */
	public enum Mode {

		/** Do not run the checks. */
		OFF,

		/** Log the findings as one warning. */
		WARN,

		/** Log the findings and stop the application. */
		FAIL

	}

}
