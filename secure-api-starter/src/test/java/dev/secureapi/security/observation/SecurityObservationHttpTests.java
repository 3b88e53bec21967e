package dev.secureapi.security.observation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.security.jwt.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's per-filter observations over real HTTP: off by default, back with one
 * property.
 */
class SecurityObservationHttpTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	List<String> observe(int port, TokenService tokens, ObservationTestApplication app) throws Exception {
		app.started.clear();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/me"))
			.header("Authorization", "Bearer " + tokens.issueAccessToken("42", List.of("USER")).value())
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return List.copyOf(app.started);
	}

	@Nested
	@SpringBootTest(classes = ObservationTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "secure-api.jwt.secret=" + TestKeys.SECRET })
	class ByDefault {

		@LocalServerPort
		int port;

		@Autowired
		TokenService tokens;

		@Autowired
		ObservationTestApplication app;

		@Test
		void noSpringSecurityRequestObservationIsRecorded() throws Exception {
			assertThat(observe(this.port, this.tokens, this.app))
				.noneMatch((name) -> name.startsWith("spring.security."));
		}

	}

	@Nested
	@SpringBootTest(classes = ObservationTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "secure-api.jwt.secret=" + TestKeys.SECRET, "secure-api.observation.security-filters=true" })
	class WhenEnabled {

		@LocalServerPort
		int port;

		@Autowired
		TokenService tokens;

		@Autowired
		ObservationTestApplication app;

		@Test
		void springSecurityFilterChainObservationsAreRecorded() throws Exception {
			assertThat(observe(this.port, this.tokens, this.app)).contains("spring.security.filterchains");
		}

	}

}
