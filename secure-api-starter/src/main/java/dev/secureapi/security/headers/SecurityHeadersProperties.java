package dev.secureapi.security.headers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.validation.annotation.Validated;

/**
 * Security header settings. Every value can be changed. The kit's values are
 * authoritative: what Spring Security or application code writes for the same headers is
 * ignored, so per-path changes belong in {@code secure-api.headers.paths}. An empty value
 * stops the kit from sending the header and leaves it to the application.
 * X-XSS-Protection, Server and X-Powered-By are never sent, whoever writes them.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties("secure-api.headers")
public class SecurityHeadersProperties {

	/**
	 * Whether security headers are added to every response, errors included.
	 */
	private boolean enabled = true;

	/**
	 * Value of the X-Content-Type-Options header.
	 */
	private String contentTypeOptions = "nosniff";

	/**
	 * Value of the X-Frame-Options header.
	 */
	private String frameOptions = "DENY";

	/**
	 * Value of the Content-Security-Policy header.
	 */
	private String contentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

	/**
	 * Value of the Referrer-Policy header.
	 */
	private String referrerPolicy = "no-referrer";

	/**
	 * Value of the Permissions-Policy header; the default denies every powerful browser
	 * feature.
	 */
	private String permissionsPolicy = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
			+ "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
			+ "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), sync-xhr=(), usb=(), "
			+ "xr-spatial-tracking=()";

	/**
	 * Value of the Cross-Origin-Opener-Policy header.
	 */
	private String crossOriginOpenerPolicy = "same-origin";

	/**
	 * Value of the Cross-Origin-Resource-Policy header.
	 */
	private String crossOriginResourcePolicy = "same-origin";

	/**
	 * Value of the Cache-Control header. While it is set, Pragma and Expires headers are
	 * not sent, as they could only contradict it.
	 */
	private String cacheControl = "no-store";

	/**
	 * Strict-Transport-Security settings.
	 */
	@Valid
	private final Hsts hsts = new Hsts();

	/**
	 * Header values for requests whose path matches a pattern, for example a relaxed
	 * Content-Security-Policy for "/swagger-ui/**". The first matching entry applies;
	 * headers it does not set keep their global value.
	 */
	@Valid
	private List<PathHeaders> paths = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getContentTypeOptions() {
		return this.contentTypeOptions;
	}

	public void setContentTypeOptions(String contentTypeOptions) {
		this.contentTypeOptions = contentTypeOptions;
	}

	public String getFrameOptions() {
		return this.frameOptions;
	}

	public void setFrameOptions(String frameOptions) {
		this.frameOptions = frameOptions;
	}

	public String getContentSecurityPolicy() {
		return this.contentSecurityPolicy;
	}

	public void setContentSecurityPolicy(String contentSecurityPolicy) {
		this.contentSecurityPolicy = contentSecurityPolicy;
	}

	public String getReferrerPolicy() {
		return this.referrerPolicy;
	}

	public void setReferrerPolicy(String referrerPolicy) {
		this.referrerPolicy = referrerPolicy;
	}

	public String getPermissionsPolicy() {
		return this.permissionsPolicy;
	}

	public void setPermissionsPolicy(String permissionsPolicy) {
		this.permissionsPolicy = permissionsPolicy;
	}

	public String getCrossOriginOpenerPolicy() {
		return this.crossOriginOpenerPolicy;
	}

	public void setCrossOriginOpenerPolicy(String crossOriginOpenerPolicy) {
		this.crossOriginOpenerPolicy = crossOriginOpenerPolicy;
	}

	public String getCrossOriginResourcePolicy() {
		return this.crossOriginResourcePolicy;
	}

	public void setCrossOriginResourcePolicy(String crossOriginResourcePolicy) {
		this.crossOriginResourcePolicy = crossOriginResourcePolicy;
	}

	public String getCacheControl() {
		return this.cacheControl;
	}

	public void setCacheControl(String cacheControl) {
		this.cacheControl = cacheControl;
	}

	public Hsts getHsts() {
		return this.hsts;
	}

	public List<PathHeaders> getPaths() {
		return this.paths;
	}

	public void setPaths(List<PathHeaders> paths) {
		this.paths = paths;
	}

	/**
	 * Strict-Transport-Security settings. The header is only sent on requests that
	 * arrived over HTTPS, directly or as a trusted proxy reports it.
	 */
	public static class Hsts {

		/**
		 * Whether Strict-Transport-Security is sent on HTTPS requests.
		 */
		private boolean enabled = true;

		/**
		 * How long browsers must only use HTTPS for this host.
		 */
		@NotNull
		private Duration maxAge = Duration.ofDays(365);

		/**
		 * Whether the HTTPS-only rule also covers every subdomain.
		 */
		private boolean includeSubDomains = true;

		/**
		 * Whether the host asks to be included in browsers' HSTS preload lists. Needs
		 * include-sub-domains and a max-age of at least one year.
		 */
		private boolean preload = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			Assert.isTrue(!maxAge.isNegative(), "must not be negative");
			this.maxAge = maxAge;
		}

		public boolean isIncludeSubDomains() {
			return this.includeSubDomains;
		}

		public void setIncludeSubDomains(boolean includeSubDomains) {
			this.includeSubDomains = includeSubDomains;
		}

		public boolean isPreload() {
			return this.preload;
		}

		public void setPreload(boolean preload) {
			this.preload = preload;
		}

	}

	/**
	 * Header values for the paths matching some patterns. A value left unset keeps the
	 * global value; an empty value stops the header from being sent on those paths.
	 */
	public static class PathHeaders {

		/**
		 * Path patterns (Spring PathPattern syntax, for example "/swagger-ui/**") this
		 * entry applies to.
		 */
		@NotEmpty
		private List<String> patterns = new ArrayList<>();

		/**
		 * Value of the X-Content-Type-Options header on these paths.
		 */
		private @Nullable String contentTypeOptions;

		/**
		 * Value of the X-Frame-Options header on these paths.
		 */
		private @Nullable String frameOptions;

		/**
		 * Value of the Content-Security-Policy header on these paths.
		 */
		private @Nullable String contentSecurityPolicy;

		/**
		 * Value of the Referrer-Policy header on these paths.
		 */
		private @Nullable String referrerPolicy;

		/**
		 * Value of the Permissions-Policy header on these paths.
		 */
		private @Nullable String permissionsPolicy;

		/**
		 * Value of the Cross-Origin-Opener-Policy header on these paths.
		 */
		private @Nullable String crossOriginOpenerPolicy;

		/**
		 * Value of the Cross-Origin-Resource-Policy header on these paths.
		 */
		private @Nullable String crossOriginResourcePolicy;

		/**
		 * Value of the Cache-Control header on these paths.
		 */
		private @Nullable String cacheControl;

		public List<String> getPatterns() {
			return this.patterns;
		}

		public void setPatterns(List<String> patterns) {
			this.patterns = patterns;
		}

		public @Nullable String getContentTypeOptions() {
			return this.contentTypeOptions;
		}

		public void setContentTypeOptions(@Nullable String contentTypeOptions) {
			this.contentTypeOptions = contentTypeOptions;
		}

		public @Nullable String getFrameOptions() {
			return this.frameOptions;
		}

		public void setFrameOptions(@Nullable String frameOptions) {
			this.frameOptions = frameOptions;
		}

		public @Nullable String getContentSecurityPolicy() {
			return this.contentSecurityPolicy;
		}

		public void setContentSecurityPolicy(@Nullable String contentSecurityPolicy) {
			this.contentSecurityPolicy = contentSecurityPolicy;
		}

		public @Nullable String getReferrerPolicy() {
			return this.referrerPolicy;
		}

		public void setReferrerPolicy(@Nullable String referrerPolicy) {
			this.referrerPolicy = referrerPolicy;
		}

		public @Nullable String getPermissionsPolicy() {
			return this.permissionsPolicy;
		}

		public void setPermissionsPolicy(@Nullable String permissionsPolicy) {
			this.permissionsPolicy = permissionsPolicy;
		}

		public @Nullable String getCrossOriginOpenerPolicy() {
			return this.crossOriginOpenerPolicy;
		}

		public void setCrossOriginOpenerPolicy(@Nullable String crossOriginOpenerPolicy) {
			this.crossOriginOpenerPolicy = crossOriginOpenerPolicy;
		}

		public @Nullable String getCrossOriginResourcePolicy() {
			return this.crossOriginResourcePolicy;
		}

		public void setCrossOriginResourcePolicy(@Nullable String crossOriginResourcePolicy) {
			this.crossOriginResourcePolicy = crossOriginResourcePolicy;
		}

		public @Nullable String getCacheControl() {
			return this.cacheControl;
		}

		public void setCacheControl(@Nullable String cacheControl) {
			this.cacheControl = cacheControl;
		}

	}

}
