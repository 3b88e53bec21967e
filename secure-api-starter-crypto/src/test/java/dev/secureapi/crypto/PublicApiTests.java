package dev.secureapi.crypto;

import dev.secureapi.test.AbstractPublicApiTests;

/**
 * The crypto starter's public types are the ones its reference page lists as its public
 * API.
 */
class PublicApiTests extends AbstractPublicApiTests {

	PublicApiTests() {
		super(CryptoProperties.class, "secure-api-starter-crypto.md");
	}

}
