package dev.secureapi.ratelimit;

import dev.secureapi.test.AbstractPropertiesDocumentationTests;

/**
 * The rate-limit starter's reference page documents every property it has, and only
 * those.
 */
class PropertiesDocumentationTests extends AbstractPropertiesDocumentationTests {

	PropertiesDocumentationTests() {
		super(RateLimitProperties.class, "secure-api-starter-ratelimit.md");
	}

}
