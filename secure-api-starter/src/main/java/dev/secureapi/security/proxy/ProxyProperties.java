package dev.secureapi.security.proxy;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Trusted-proxy settings: which peers may tell the server who the client is.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties("secure-api.proxy")
public class ProxyProperties {

	/**
	 * Whether forwarded headers from trusted proxies set the client address and scheme
	 * the application sees.
	 */
	private boolean enabled = true;

	/**
	 * Addresses or CIDR ranges (IPv4 or IPv6) of the proxies in front of this server.
	 * Forwarded headers are honoured only when the direct peer is one of them; empty
	 * means forwarded headers are always ignored.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	/**
	 * Which forwarded headers are read from a trusted proxy: x-forwarded (the for-header
	 * and proto-header) or forwarded (RFC 7239 Forwarded). The other family is ignored
	 * whatever it says, so choose the one the proxy overwrites: a header the proxy passes
	 * through unchanged is whatever the client wrote.
	 */
	@NotNull
	private ForwardedHeaders forwardedHeaders = ForwardedHeaders.X_FORWARDED;

	/**
	 * Header listing the client and the proxies a request passed through, when
	 * forwarded-headers is x-forwarded.
	 */
	@NotBlank
	private String forHeader = "X-Forwarded-For";

	/**
	 * Header carrying the scheme the client used, when forwarded-headers is x-forwarded.
	 */
	@NotBlank
	private String protoHeader = "X-Forwarded-Proto";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public ForwardedHeaders getForwardedHeaders() {
		return this.forwardedHeaders;
	}

	public void setForwardedHeaders(ForwardedHeaders forwardedHeaders) {
		this.forwardedHeaders = forwardedHeaders;
	}

	public String getForHeader() {
		return this.forHeader;
	}

	public void setForHeader(String forHeader) {
		this.forHeader = forHeader;
	}

	public String getProtoHeader() {
		return this.protoHeader;
	}

	public void setProtoHeader(String protoHeader) {
		this.protoHeader = protoHeader;
	}

	/**
	 * The family of forwarded headers a trusted proxy writes.
	 */
	public enum ForwardedHeaders {

		/**
		 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} (or the configured for-
		 * and proto-header).
		 */
		X_FORWARDED,

		/** RFC 7239 {@code Forwarded}: its {@code for} and {@code proto} parameters. */
		FORWARDED

	}

}
