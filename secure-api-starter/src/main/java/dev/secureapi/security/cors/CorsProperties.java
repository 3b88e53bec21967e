package dev.secureapi.security.cors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Cross-origin resource sharing settings: an explicit allow-list. With no origin listed,
 * every cross-origin request is refused with 403 (preflights included). The top-level
 * values apply to every path; {@code paths} entries change them for some paths, each
 * value left unset keeping the top-level one.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties("secure-api.cors")
public class CorsProperties {

	/**
	 * Whether cross-origin requests are checked against the allow-list (and refused when
	 * they are not on it).
	 */
	private boolean enabled = true;

	/**
	 * Origins allowed to call the API, each exactly "scheme://host[:port]", for example
	 * "https://app.example.com". "*" allows any origin and cannot be combined with
	 * allow-credentials.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Origin patterns allowed to call the API, for example "https://*.example.com".
	 */
	private List<String> allowedOriginPatterns = new ArrayList<>();

	/**
	 * HTTP methods cross-origin requests may use.
	 */
	private List<String> allowedMethods = new ArrayList<>(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));

	/**
	 * Request headers cross-origin requests may send.
	 */
	private List<String> allowedHeaders = new ArrayList<>(List.of("Authorization", "Content-Type", "X-Request-Id"));

	/**
	 * Response headers cross-origin callers may read, besides the CORS-safelisted ones.
	 */
	private List<String> exposedHeaders = new ArrayList<>(
			List.of("X-Request-Id", "Location", "RateLimit", "RateLimit-Policy", "Retry-After"));

	/**
	 * Whether cross-origin requests may carry credentials (cookies, client certificates,
	 * HTTP authentication).
	 */
	private boolean allowCredentials = false;

	/**
	 * How long browsers may cache a preflight answer.
	 */
	@NotNull
	private Duration maxAge = Duration.ofMinutes(30);

	/**
	 * Allow-lists for some paths; the first entry whose pattern matches applies.
	 */
	@Valid
	private List<PathCors> paths = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public List<String> getAllowedOriginPatterns() {
		return this.allowedOriginPatterns;
	}

	public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
		this.allowedOriginPatterns = allowedOriginPatterns;
	}

	public List<String> getAllowedMethods() {
		return this.allowedMethods;
	}

	public void setAllowedMethods(List<String> allowedMethods) {
		this.allowedMethods = allowedMethods;
	}

	public List<String> getAllowedHeaders() {
		return this.allowedHeaders;
	}

	public void setAllowedHeaders(List<String> allowedHeaders) {
		this.allowedHeaders = allowedHeaders;
	}

	public List<String> getExposedHeaders() {
		return this.exposedHeaders;
	}

	public void setExposedHeaders(List<String> exposedHeaders) {
		this.exposedHeaders = exposedHeaders;
	}

	public boolean isAllowCredentials() {
		return this.allowCredentials;
	}

	public void setAllowCredentials(boolean allowCredentials) {
		this.allowCredentials = allowCredentials;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

	public List<PathCors> getPaths() {
		return this.paths;
	}

	public void setPaths(List<PathCors> paths) {
		this.paths = paths;
	}

	/**
	 * The allow-list for some paths. A value left unset keeps the top-level value.
	 */
	public static class PathCors {

		/**
		 * Path patterns (Spring PathPattern syntax, for example "/api/public/**") this
		 * entry applies to.
		 */
		@NotEmpty
		private List<String> patterns = new ArrayList<>();

		/**
		 * Origins allowed on these paths.
		 */
		private @Nullable List<String> allowedOrigins;

		/**
		 * Origin patterns allowed on these paths.
		 */
		private @Nullable List<String> allowedOriginPatterns;

		/**
		 * HTTP methods allowed on these paths.
		 */
		private @Nullable List<String> allowedMethods;

		/**
		 * Request headers allowed on these paths.
		 */
		private @Nullable List<String> allowedHeaders;

		/**
		 * Response headers exposed on these paths.
		 */
		private @Nullable List<String> exposedHeaders;

		/**
		 * Whether credentials are allowed on these paths.
		 */
		private @Nullable Boolean allowCredentials;

		/**
		 * How long browsers may cache a preflight answer for these paths.
		 */
		private @Nullable Duration maxAge;

		public List<String> getPatterns() {
			return this.patterns;
		}

		public void setPatterns(List<String> patterns) {
			this.patterns = patterns;
		}

		public @Nullable List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(@Nullable List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public @Nullable List<String> getAllowedOriginPatterns() {
			return this.allowedOriginPatterns;
		}

		public void setAllowedOriginPatterns(@Nullable List<String> allowedOriginPatterns) {
			this.allowedOriginPatterns = allowedOriginPatterns;
		}

		public @Nullable List<String> getAllowedMethods() {
			return this.allowedMethods;
		}

		public void setAllowedMethods(@Nullable List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
		}

		public @Nullable List<String> getAllowedHeaders() {
			return this.allowedHeaders;
		}

		public void setAllowedHeaders(@Nullable List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
		}

		public @Nullable List<String> getExposedHeaders() {
			return this.exposedHeaders;
		}

		public void setExposedHeaders(@Nullable List<String> exposedHeaders) {
			this.exposedHeaders = exposedHeaders;
		}

		public @Nullable Boolean getAllowCredentials() {
			return this.allowCredentials;
		}

		public void setAllowCredentials(@Nullable Boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
		}

		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

}
