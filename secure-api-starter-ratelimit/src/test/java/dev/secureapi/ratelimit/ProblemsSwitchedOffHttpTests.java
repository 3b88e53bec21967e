package dev.secureapi.ratelimit;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code secure-api.problem.enabled=false} (Spring Boot's own error handling for
 * controllers) and Spring Security's chain moved to another order, the rate limiter still
 * starts, still answers 429 as problem+json and still keys per-user policies by the
 * authenticated user.
 */
class ProblemsSwitchedOffHttpTests {

	private static ConfigurableApplicationContext context;

	private static RateLimitTestApplication.Client client;

	@BeforeAll
	static void start() {
		context = RateLimitTestApplication.start("secure-api.problem.enabled=false",
				"spring.security.filter.order=1000", "secure-api.rate-limit.backend=local",
				"secure-api.rate-limit.policies[0].name=items", "secure-api.rate-limit.policies[0].paths=/api/items",
				"secure-api.rate-limit.policies[0].limits[0].capacity=1",
				"secure-api.rate-limit.policies[0].limits[0].period=1h",
				"secure-api.rate-limit.policies[1].name=per-user", "secure-api.rate-limit.policies[1].paths=/api/me",
				"secure-api.rate-limit.policies[1].key=user", "secure-api.rate-limit.policies[1].limits[0].capacity=2",
				"secure-api.rate-limit.policies[1].limits[0].period=1h");
		client = new RateLimitTestApplication.Client(context);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void overTheLimitIsStill429ProblemJson() {
		assertThat(client.get("/api/items").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = client.get("/api/items");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"status\":429").contains("\"instance\":\"/api/items\"");
	}

	@Test
	void perUserLimitsStillCountPerAuthenticatedUserWithSpringSecurityMoved() {
		assertThat(client.getAs("alice", "/api/me").statusCode()).isEqualTo(200);
		assertThat(client.getAs("alice", "/api/me").statusCode()).isEqualTo(200);
		assertThat(client.getAs("alice", "/api/me").statusCode()).isEqualTo(429);
		// keyed by the address instead, bob would share alice's exhausted bucket
		assertThat(client.getAs("bob", "/api/me").statusCode()).isEqualTo(200);
	}

}
