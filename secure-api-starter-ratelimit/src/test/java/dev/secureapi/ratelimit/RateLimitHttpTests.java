package dev.secureapi.ratelimit;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limiting over real HTTP with the local backend.
 */
class RateLimitHttpTests {

	private static ConfigurableApplicationContext context;

	private static RateLimitTestApplication.Client client;

	@BeforeAll
	static void start() {
		context = RateLimitTestApplication.start("secure-api.rate-limit.backend=local",
				"secure-api.rate-limit.policies[0].name=items", "secure-api.rate-limit.policies[0].paths=/api/items",
				"secure-api.rate-limit.policies[0].limits[0].capacity=3",
				"secure-api.rate-limit.policies[0].limits[0].period=1h",
				// two policies on /api/other: the smaller one decides
				"secure-api.rate-limit.policies[1].name=wide", "secure-api.rate-limit.policies[1].paths=/api/other",
				"secure-api.rate-limit.policies[1].limits[0].capacity=100",
				"secure-api.rate-limit.policies[2].name=narrow", "secure-api.rate-limit.policies[2].paths=/api/other",
				"secure-api.rate-limit.policies[2].limits[0].capacity=2",
				"secure-api.rate-limit.policies[2].limits[0].period=10m",
				"secure-api.rate-limit.policies[3].name=per-user", "secure-api.rate-limit.policies[3].paths=/api/me",
				"secure-api.rate-limit.policies[3].key=user", "secure-api.rate-limit.policies[3].limits[0].capacity=2",
				"secure-api.rate-limit.policies[4].name=burst", "secure-api.rate-limit.policies[4].paths=/open",
				"secure-api.rate-limit.policies[4].limits[0].capacity=10",
				"secure-api.rate-limit.policies[4].limits[0].period=1h",
				"secure-api.rate-limit.policies[5].name=reports",
				"secure-api.rate-limit.policies[5].limits[0].capacity=1",
				"secure-api.rate-limit.policies[5].limits[0].period=1h");
		client = new RateLimitTestApplication.Client(context);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void admittedResponsesCarryThePolicyAndTheRemainingQuota() {
		HttpResponse<String> response = client.get("/api/items", "X-Request-Id", "a");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("RateLimit-Policy")).containsExactly("\"items\";q=3;w=3600");
		assertThat(response.headers().firstValue("RateLimit"))
			.hasValueSatisfying((value) -> assertThat(value).matches("\"items\";r=2;t=\\d+"));
	}

	@Test
	void overTheLimitIsRefusedWith429ProblemAndRetryAfter() {
		HttpResponse<String> response = client.get("/api/items");
		for (int i = 0; i < 5 && response.statusCode() == 200; i++) {
			response = client.get("/api/items");
		}
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
		// one token of 3 per hour comes back every 20 minutes
		assertThat(retryAfter).isBetween(1L, 1200L);
		assertThat(response.headers().firstValue("RateLimit"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("\"items\";r=0;"));
		assertThat(response.body()).contains("\"status\":429")
			.contains("\"title\":\"Too Many Requests\"")
			.contains("\"instance\":\"/api/items\"")
			.doesNotContain("Exception");
		assertThat(RateLimitTestApplication.counted(context, "items", "rejected")).isPositive();
	}

	@Test
	void theMostRestrictivePolicyWins() {
		List<Integer> statuses = IntStream.range(0, 3).mapToObj((i) -> client.get("/api/other").statusCode()).toList();
		assertThat(statuses).containsExactly(200, 200, 429);
		HttpResponse<String> refused = client.get("/api/other");
		assertThat(refused.headers().allValues("RateLimit-Policy")).containsExactly("\"wide\";q=100;w=60",
				"\"narrow\";q=2;w=600");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(60);
	}

	@Test
	void userKeysGiveEachAuthenticatedUserTheirOwnBucket() {
		assertThat(client.getAs("alice", "/api/me").statusCode()).isEqualTo(200);
		assertThat(client.getAs("alice", "/api/me").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = client.getAs("alice", "/api/me");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(client.getAs("bob", "/api/me").statusCode()).isEqualTo(200);
	}

	@Test
	void methodLevelPolicyAppliesThroughTheAnnotation() {
		assertThat(client.get("/reports").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = client.get("/reports");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aBurstOfFiftyConcurrentRequestsOnOneKeyAdmitsExactlyTheCapacity() {
		List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 50)
			.mapToObj((i) -> client.getAsync("/open"))
			.toList();
		long admitted = responses.stream().map(CompletableFuture::join).filter((r) -> r.statusCode() == 200).count();
		long refused = responses.stream().map(CompletableFuture::join).filter((r) -> r.statusCode() == 429).count();
		assertThat(admitted).isEqualTo(10);
		assertThat(refused).isEqualTo(40);
	}

	@Test
	void pathsWithoutAPolicyCarryNoRateLimitHeaders() {
		HttpResponse<String> response = client.get("/login-page-that-does-not-exist");
		assertThat(response.headers().firstValue("RateLimit")).isEmpty();
	}

}
