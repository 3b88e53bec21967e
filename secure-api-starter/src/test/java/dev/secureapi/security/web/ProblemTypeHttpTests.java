package dev.secureapi.security.web;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.security.jwt.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem carries {@code type}, {@code about:blank} when no base URI is set,
 * although Spring Framework 7 leaves it out: those of Spring Security (401, 403) and of
 * Spring MVC (404, 405; the MVC 415 and the kit's own problems are checked in
 * HardeningWebTests).
 */
@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "secure-api.jwt.secret=" + TestKeys.SECRET, "secure-api.security.public-paths=/public/**" })
class ProblemTypeHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	TokenService tokens;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void unauthenticatedProblemCarriesAboutBlank() throws Exception {
		assertAboutBlank(this.http.get("/me"), 401);
	}

	@Test
	void accessDeniedProblemCarriesAboutBlank() throws Exception {
		assertAboutBlank(this.http.get("/admin", "Authorization", bearer("USER")), 403);
	}

	@Test
	void notFoundProblemCarriesAboutBlank() throws Exception {
		assertAboutBlank(this.http.get("/nothing-here", "Authorization", bearer("USER")), 404);
	}

	@Test
	void methodNotAllowedProblemCarriesAboutBlank() throws Exception {
		assertAboutBlank(this.http.send(this.http.request("/public/ping").DELETE().build()), 405);
	}

	private String bearer(String role) {
		return "Bearer " + this.tokens.issueAccessToken("1", List.of(role)).value();
	}

	private static void assertAboutBlank(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"type\":\"about:blank\"");
	}

}
