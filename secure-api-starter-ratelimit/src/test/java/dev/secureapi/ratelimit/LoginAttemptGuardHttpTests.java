package dev.secureapi.ratelimit;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login guard behind a login endpoint, over real HTTP, with the contract's numbers.
 */
class LoginAttemptGuardHttpTests {

	private static ConfigurableApplicationContext context;

	private static RateLimitTestApplication.Client client;

	@BeforeAll
	static void start() {
		context = RateLimitTestApplication.start("secure-api.rate-limit.backend=local",
				"secure-api.rate-limit.login.max-failures-per-user-and-ip=5",
				"secure-api.rate-limit.login.max-failures-per-user=20", "secure-api.rate-limit.login.window=15m");
		client = new RateLimitTestApplication.Client(context);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void fiveFailuresAreAnswered401AndTheSixthAttemptIs429EvenWithTheRightPassword() {
		for (int i = 0; i < 5; i++) {
			assertThat(client.login("alice", "wrong-" + i).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> sixth = client.login("alice", RateLimitTestApplication.PASSWORD);
		assertThat(sixth.statusCode()).isEqualTo(429);
		assertThat(sixth.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		long retryAfter = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 900L);
		assertThat(sixth.body()).contains("\"status\":429").doesNotContain("access_token");
	}

	@Test
	void anUnknownUsernameGetsExactlyTheSameAnswers() {
		for (int i = 0; i < 5; i++) {
			assertThat(client.login("nobody", "wrong-" + i).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> sixth = client.login("nobody", RateLimitTestApplication.PASSWORD);
		assertThat(sixth.statusCode()).isEqualTo(429);
		assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
	}

	@Test
	void aSuccessfulLoginClearsTheFailuresOfTheUserAndAddress() {
		for (int i = 0; i < 4; i++) {
			assertThat(client.login("bob", "wrong").statusCode()).isEqualTo(401);
		}
		assertThat(client.login("bob", RateLimitTestApplication.PASSWORD).statusCode()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			assertThat(client.login("bob", "wrong").statusCode()).isEqualTo(401);
		}
		assertThat(client.login("bob", RateLimitTestApplication.PASSWORD).statusCode()).isEqualTo(429);
	}

	@Test
	void anOversizedUsernameIsRefusedWith400BeforeItReachesTheGuard() {
		HttpResponse<String> response = client.login("a".repeat(10 * 1024), "x");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("no control characters").doesNotContain("aaaaaaaaaa");
	}

	@Test
	void aUsernameWithControlCharactersIsRefusedWith400() {
		HttpResponse<String> response = client.login("eve\r\nX-Injected: 1", "x");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

}
