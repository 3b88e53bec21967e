package dev.secureapi.security.requestid;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Request id settings.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties("secure-api.request-id")
public class RequestIdProperties {

	/**
	 * Whether each request gets an id that is echoed in a response header, written to
	 * every log line and carried by problem responses.
	 */
	private boolean enabled = true;

	/**
	 * Name of the header that carries the request id in and out.
	 */
	@NotBlank
	private String header = "X-Request-Id";

	/**
	 * Whether an incoming request id is accepted (when it is at most 64 of
	 * [A-Za-z0-9._-]); a new one is generated otherwise.
	 */
	private boolean acceptIncoming = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public boolean isAcceptIncoming() {
		return this.acceptIncoming;
	}

	public void setAcceptIncoming(boolean acceptIncoming) {
		this.acceptIncoming = acceptIncoming;
	}

}
