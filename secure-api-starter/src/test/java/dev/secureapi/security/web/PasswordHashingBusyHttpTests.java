package dev.secureapi.security.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.security.password.BoundedPasswordEncoder;
import dev.secureapi.security.password.GateEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login that finds every password-hashing slot busy is answered at once with 503
 * problem+json and Retry-After, over real HTTP, instead of queueing behind the hashes in
 * progress.
 */
@SpringBootTest(classes = { TokenEndpointTestApplication.class, PasswordHashingBusyHttpTests.SlowHashing.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "secure-api.jwt.secret=" + TestKeys.SECRET, "secure-api.security.public-paths=/token" })
class PasswordHashingBusyHttpTests {

	@LocalServerPort
	int port;

	static final GateEncoder gate = new GateEncoder();

	@Test
	void loginWhileTheHashingPoolIsSaturatedGets503ProblemWithRetryAfter() throws Exception {
		Http http = new Http(this.port);
		String login = "grant_type=password&username=alice&password=alice-password";
		gate.close();
		CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(http, login));
		gate.awaitEntered();
		HttpResponse<String> refused = post(http, login);
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("\"status\":503");
		gate.open();
		assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(post(http, login).statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> post(Http http, String form) {
		try {
			return http.send(http.request("/token")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
				.build());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SlowHashing {

		@Bean
		PasswordEncoder passwordEncoder() {
			return new BoundedPasswordEncoder(gate, 1, Duration.ofMillis(50), Duration.ofSeconds(2));
		}

	}

}
