package dev.secureapi.example;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API contract on the embedded default: H2, in-process cache, local rate-limit
 * buckets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class H2UserApiTests extends UserApiContractTests {

	@Test
	void theOpenApiDescriptionDeclaresTheBearerSchemeAndSwaggerUiIsServed() {
		Api.Response docs = this.api.get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		JsonNode scheme = docs.json().get("components").get("securitySchemes").get("bearer-jwt");
		assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
		assertThat(docs.json().get("paths").has("/api/v1/users/{id}/roles")).isTrue();
		Api.Response ui = this.api.get("/swagger-ui/index.html", null);
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.header("Content-Security-Policy")).contains("default-src 'self'");
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ApiTestSupport.register(registry);
	}

}
