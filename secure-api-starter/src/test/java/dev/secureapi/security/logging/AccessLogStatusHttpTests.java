package dev.secureapi.security.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: a request whose exception reaches the container (thrown by a filter, as
 * a token check that meets an unreachable database would) is logged with the status the
 * client got from the error page, not with a 500 of the access log's own guess.
 */
@SpringBootTest(classes = AccessLogStatusHttpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class AccessLogStatusHttpTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private AccessLogCapture capture;

	@LocalServerPort
	int port;

	/**
	 * Attached once the application (and with it Boot's logging configuration) has
	 * started.
	 */
	@BeforeEach
	void capture() {
		this.capture = new AccessLogCapture();
	}

	@AfterEach
	void close() {
		this.capture.close();
	}

	@Test
	void anUnavailableDependencyMetInAFilterIsLoggedAs503LikeTheClientGot() throws Exception {
		HttpResponse<String> response = get("/unavailable");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(AccessLogCapture.fields(this.capture.single())).containsEntry("status", 503)
			.containsEntry("path", "/unavailable");
	}

	@Test
	void anyOtherExceptionMetInAFilterIsLoggedAs500LikeTheClientGot() throws Exception {
		HttpResponse<String> response = get("/broken");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(AccessLogCapture.fields(this.capture.single())).containsEntry("status", 500)
			.containsEntry("path", "/broken");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			return http.csrf((csrf) -> csrf.disable())
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
		}

		@Bean
		FilterRegistrationBean<Filter> unavailableDatabaseFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				throw new DataAccessResourceFailureException("Unable to acquire JDBC Connection");
			});
			registration.addUrlPatterns("/unavailable");
			return registration;
		}

		@Bean
		FilterRegistrationBean<Filter> brokenFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				throw new IllegalStateException("broken");
			});
			registration.addUrlPatterns("/broken");
			return registration;
		}

	}

}
