package dev.secureapi.security.problem;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings for RFC 9457 problem+json error responses.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties("secure-api.problem")
public class ProblemDetailsProperties {

	/**
	 * Whether errors from controllers, the error page and requests the container refuses
	 * are answered as application/problem+json. The kit's own rejections (filters, Spring
	 * Security, rate limits) always are.
	 */
	private boolean enabled = true;

	/**
	 * Base URI for the "type" member of problems the kit writes, followed by a short slug
	 * such as "payload-too-large". When not set, "type" is "about:blank" and "title" is
	 * the HTTP status phrase.
	 */
	private @Nullable URI typeBaseUri;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable URI getTypeBaseUri() {
		return this.typeBaseUri;
	}

	public void setTypeBaseUri(@Nullable URI typeBaseUri) {
		this.typeBaseUri = typeBaseUri;
	}

}
