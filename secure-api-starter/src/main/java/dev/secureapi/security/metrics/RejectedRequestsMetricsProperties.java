package dev.secureapi.security.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings for the kit's metrics.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties("secure-api.metrics")
public class RejectedRequestsMetricsProperties {

	/**
	 * Whether requests the kit refuses are counted in the "secure_api.requests.rejected"
	 * counter, tagged with the reason, when Micrometer and a MeterRegistry are present.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
