package dev.secureapi.security;

import dev.secureapi.security.problem.ProblemDetailsProperties;
import dev.secureapi.test.AbstractPropertiesDocumentationTests;

/**
 * The starter's reference pages document every property it has, and only those.
 */
class PropertiesDocumentationTests extends AbstractPropertiesDocumentationTests {

	PropertiesDocumentationTests() {
		super(ProblemDetailsProperties.class, "secure-api-starter.md", "secure-api-starter-authentication.md",
				"logging.md");
	}

}
