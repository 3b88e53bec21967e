package dev.secureapi.example;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API contract on the embedded default: H2, in-process cache, local rate-limit buckets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class H2UserApiTests extends UserApiContractTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ApiTestSupport.register(registry);
	}

}
