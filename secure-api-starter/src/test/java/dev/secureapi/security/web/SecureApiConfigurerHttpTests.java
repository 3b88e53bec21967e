package dev.secureapi.security.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.security.jwt.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with its own chain gets the kit's bearer authentication and problem
 * answers with one line.
 */
@SpringBootTest(classes = { ApiTestApplication.class, SecureApiConfigurerHttpTests.OwnChain.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "secure-api.jwt.secret=" + TestKeys.SECRET)
class SecureApiConfigurerHttpTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TokenService tokens;

	@Test
	void ownChainWithTheConfigurerAnswersProblem401AndAuthenticatesBearerTokens() throws Exception {
		HttpResponse<String> anonymous = get("/me", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		HttpResponse<String> bad = get("/me", "Bearer x.y.z");
		assertThat(bad.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");

		String token = this.tokens.issueAccessToken("77", List.of("USER")).value();
		HttpResponse<String> ok = get("/me", "Bearer " + token);
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).contains("\"name\":\"77\"");
		assertThat(ok.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(get("/admin", "Bearer " + token).statusCode()).isEqualTo(403);
	}

	@Test
	void ownRulesStayTheApplications() throws Exception {
		assertThat(get("/public/ping", null).statusCode()).isEqualTo(401);
		assertThat(get("/open", null).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain api(HttpSecurity http) throws Exception {
			http.with(SecureApi.configurer(), Customizer.withDefaults())
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/open", "/error")
					.permitAll()
					.anyRequest()
					.authenticated());
			return http.build();
		}

	}

}
