package dev.secureapi.ratelimit;

import dev.secureapi.test.AbstractPublicApiTests;

/**
 * The rate-limit starter's public types are the ones its reference page lists as its
 * public API.
 */
class PublicApiTests extends AbstractPublicApiTests {

	PublicApiTests() {
		super(RateLimitProperties.class, "secure-api-starter-ratelimit.md");
	}

}
