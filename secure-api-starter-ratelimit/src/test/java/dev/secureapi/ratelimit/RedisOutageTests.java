package dev.secureapi.ratelimit;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.secureapi.test.RedisServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What happens when Redis goes away and comes back, against a {@code redis-server} of the
 * test's own.
 */
class RedisOutageTests {

	private RedisServerProcess redis;

	@BeforeEach
	void startRedis() throws Exception {
		Assumptions.assumeTrue(
				RedisServerProcess.isInstalled() || Boolean.getBoolean("secure-api.test.require-services"),
				"redis-server is not installed");
		this.redis = RedisServerProcess.start();
	}

	@AfterEach
	void stopRedis() {
		if (this.redis != null) {
			this.redis.stop();
		}
	}

	@Test
	void failOpenAdmitsRequestsDuringAnOutageAndEnforcesLimitsAgainAfterIt() throws Exception {
		try (ConfigurableApplicationContext context = start("secure-api.rate-limit.fail-open=true")) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items").headers().firstValue("RateLimit")).isPresent();
			this.redis.stop();
			for (int i = 0; i < 5; i++) {
				HttpResponse<String> response = client.get("/api/items");
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.headers().firstValue("RateLimit")).isEmpty();
			}
			assertThat(RateLimitTestApplication.counted(context, "items", "backend_error")).isEqualTo(5);
			assertThat(context.getBean(RateLimitBackendHealthIndicator.class).health(true).getDetails())
				.containsEntry("reachable", false);
			this.redis.restart();
			// the restarted server is empty: the bucket starts full again, and is
			// enforced
			await().atMost(Duration.ofSeconds(60))
				.until(() -> client.get("/api/items").headers().firstValue("RateLimit").isPresent());
			assertThat(context.getBean(RateLimitBackendHealthIndicator.class).health(true).getDetails())
				.containsEntry("reachable", true);
			HttpResponse<String> response = client.get("/api/items");
			for (int i = 0; i < 3 && response.statusCode() == 200; i++) {
				response = client.get("/api/items");
			}
			assertThat(response.statusCode()).isEqualTo(429);
		}
	}

	@Test
	void failClosedAnswers503ProblemDuringAnOutageAndRecovers() throws Exception {
		try (ConfigurableApplicationContext context = start("secure-api.rate-limit.fail-open=false")) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items").statusCode()).isEqualTo(200);
			this.redis.stop();
			HttpResponse<String> refused = client.get("/api/items");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(refused.body()).contains("\"status\":503").doesNotContain("Redis").doesNotContain("Exception");
			assertThat(context.getBean(RateLimitBackendHealthIndicator.class).health(false).getStatus())
				.isEqualTo(Status.DOWN);
			this.redis.restart();
			await().atMost(Duration.ofSeconds(60)).until(() -> client.get("/api/items").statusCode() == 200);
		}
	}

	@Test
	void theLoginGuardFailsClosedByDefaultDuringAnOutage() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.login("alice", "wrong").statusCode()).isEqualTo(401);
			this.redis.stop();
			HttpResponse<String> refused = client.login("alice", RateLimitTestApplication.PASSWORD);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(RateLimitTestApplication.counted(context, LoginAttemptGuard.POLICY_NAME, "backend_error"))
				.isPositive();
		}
	}

	@Test
	void theApplicationStartsWhileRedisIsDownAndUsesItOnceItAnswers() throws Exception {
		this.redis.stop();
		try (ConfigurableApplicationContext context = start("secure-api.rate-limit.fail-open=true")) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items").statusCode()).isEqualTo(200);
			this.redis.restart();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> client.get("/api/items").headers().firstValue("RateLimit").isPresent());
		}
	}

	@Test
	void afterAFailureTheBackendIsBypassedWithoutCallingRedis() throws Exception {
		LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", this.redis.port());
		factory.afterPropertiesSet();
		factory.start();
		RateLimitProperties.Redis properties = new RateLimitProperties.Redis();
		properties.setCommandTimeout(Duration.ofSeconds(1));
		properties.setCircuitOpenDuration(Duration.ofHours(1));
		RedisRateLimitBackend backend = new RedisRateLimitBackend(factory, properties);
		// the first connection of a cold JVM on a busy machine can take longer than the
		// command timeout
		backend.connecting().get(60, java.util.concurrent.TimeUnit.SECONDS);
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofMinutes(1)).build())
			.build();
		try {
			boolean consumed = backend.execute("k", () -> configuration, (bucket) -> bucket.tryConsume(1));
			assertThat(consumed).isTrue();
			this.redis.stop();
			assertThatExceptionOfType(RateLimitBackendException.class)
				.isThrownBy(() -> backend.execute("k", () -> configuration, (bucket) -> bucket.tryConsume(1)))
				.withCauseInstanceOf(RuntimeException.class);
			this.redis.restart();
			// Redis answers again, but the open circuit does not even try it until the
			// open duration has passed
			assertThatExceptionOfType(RateLimitBackendException.class)
				.isThrownBy(() -> backend.execute("k", () -> configuration, (bucket) -> bucket.tryConsume(1)))
				.withMessageContaining("bypassed")
				.withNoCause();
			assertThat(backend.isAvailable()).isFalse();
		}
		finally {
			backend.destroy();
			factory.destroy();
		}
	}

	private ConfigurableApplicationContext start(String... more) {
		String[] base = { "spring.data.redis.url=" + this.redis.url(), "secure-api.rate-limit.backend=redis",
				"secure-api.rate-limit.redis.circuit-open-duration=200ms",
				// generous for a loaded build machine; a stopped server still fails every
				// call within it
				"secure-api.rate-limit.redis.command-timeout=1s", "secure-api.rate-limit.policies[0].name=items",
				"secure-api.rate-limit.policies[0].paths=/api/items",
				"secure-api.rate-limit.policies[0].limits[0].capacity=3",
				"secure-api.rate-limit.policies[0].limits[0].period=1h" };
		String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return RateLimitTestApplication.start(all);
	}

}
