package dev.secureapi.crypto;

import dev.secureapi.test.AbstractPropertiesDocumentationTests;

/**
 * The crypto starter's reference page documents every property it has, and only those.
 */
class PropertiesDocumentationTests extends AbstractPropertiesDocumentationTests {

	PropertiesDocumentationTests() {
		super(CryptoProperties.class, "secure-api-starter-crypto.md");
	}

}
