package dev.secureapi.security;

import dev.secureapi.test.AbstractPublicApiTests;

/**
 * The starter's public types are the ones its reference page lists as its public API.
 */
class PublicApiTests extends AbstractPublicApiTests {

	PublicApiTests() {
		super(SecureApiFilterOrders.class, "secure-api-starter.md");
	}

}
