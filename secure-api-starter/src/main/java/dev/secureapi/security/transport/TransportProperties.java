package dev.secureapi.security.transport;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.validation.annotation.Validated;

/**
 * Transport security settings.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties("secure-api.transport")
public class TransportProperties {

	/**
	 * Whether the transport feature (HTTPS enforcement and its production check) is
	 * active.
	 */
	private boolean enabled = true;

	/**
	 * Whether plain-HTTP requests are refused: GET and HEAD are redirected to HTTPS,
	 * other methods get 403. A request a trusted proxy reports as HTTPS
	 * (X-Forwarded-Proto) counts as HTTPS.
	 */
	private boolean requireHttps = false;

	/**
	 * Port of the HTTPS redirect target; when not set the redirect goes to the default
	 * port 443.
	 */
	private @Nullable Integer httpsPort;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRequireHttps() {
		return this.requireHttps;
	}

	public void setRequireHttps(boolean requireHttps) {
		this.requireHttps = requireHttps;
	}

	public @Nullable Integer getHttpsPort() {
		return this.httpsPort;
	}

	public void setHttpsPort(@Nullable Integer httpsPort) {
		Assert.isTrue(httpsPort == null || (httpsPort > 0 && httpsPort < 65536), "must be between 1 and 65535");
		this.httpsPort = httpsPort;
	}

}
