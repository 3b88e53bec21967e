package dev.secureapi.security.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Observation settings.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(ObservationProperties.PREFIX)
public class ObservationProperties {

	/** The prefix of these properties. */
	public static final String PREFIX = "secure-api.observation";

	/**
	 * Whether Spring Security records its own observations of every request: one per
	 * filter of its chain ("spring.security.filterchains", "spring.security.filters") and
	 * one per authorization decision. Off by default because they cost about as much as
	 * the rest of the security stack; Spring MVC's "http.server.requests" is recorded
	 * either way, and logins (authentication observations) stay observed.
	 */
	private boolean securityFilters;

	public boolean isSecurityFilters() {
		return this.securityFilters;
	}

	public void setSecurityFilters(boolean securityFilters) {
		this.securityFilters = securityFilters;
	}

}
