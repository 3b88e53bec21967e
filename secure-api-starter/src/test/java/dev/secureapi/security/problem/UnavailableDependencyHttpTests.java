package dev.secureapi.security.problem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.lettuce.core.RedisException;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: a dependency that is down or too slow (no database connection within
 * the pool's timeout, Redis unreachable, a query timeout), met in a controller or in a
 * filter, is answered 503 problem+json with {@code Retry-After} and no internals; other
 * data-access failures keep their 500.
 */
@SpringBootTest(classes = UnavailableDependencyHttpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class UnavailableDependencyHttpTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void noDatabaseConnectionWithinThePoolTimeoutIs503WithRetryAfter() throws Exception {
		assertUnavailable(get("/no-connection"));
	}

	@Test
	void redisUnreachableIs503WithRetryAfter() throws Exception {
		assertUnavailable(get("/redis-down"));
	}

	@Test
	void redisCommandRefusedWhileDisconnectedIs503WithRetryAfter() throws Exception {
		assertUnavailable(get("/redis-rejected"));
	}

	@Test
	void commandTimeoutIs503WithRetryAfter() throws Exception {
		assertUnavailable(get("/timeout"));
	}

	@Test
	void databaseDownInAFilterIs503WithRetryAfter() throws Exception {
		assertUnavailable(get("/filtered"));
	}

	@Test
	void aConnectionLostMidTransactionIs503EvenWhenTheRollbackFailureReplacesTheError() throws Exception {
		assertUnavailable(get("/rollback-failed"));
	}

	@Test
	void aRollbackOnAConnectionThePoolAlreadyClosedIs503() throws Exception {
		assertUnavailable(get("/rollback-on-closed"));
	}

	@Test
	void concurrencyFailuresAreNotMistakenForAnOutage() throws Exception {
		HttpResponse<String> response = get("/conflict");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
	}

	private void assertUnavailable(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.body()).contains("\"status\":503", "temporarily unavailable")
			.doesNotContain("jdbc:", "secret-host", "Exception");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class App {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			return http.csrf((csrf) -> csrf.disable())
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
		}

		/**
		 * Fails as a token check that reads the user from an unreachable database would.
		 */
		@Bean
		FilterRegistrationBean<Filter> databaseCheckingFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				throw new DataAccessResourceFailureException("Unable to acquire JDBC Connection to secret-host");
			});
			registration.addUrlPatterns("/filtered");
			return registration;
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/no-connection")
		String noConnection() {
			throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
					new SQLTransientConnectionException(
							"HikariPool-1 - Connection is not available, request timed out after 1000ms"
									+ " jdbc:postgresql://secret-host/db"));
		}

		@GetMapping("/redis-down")
		String redisDown() {
			throw new RedisConnectionFailureException("Unable to connect to secret-host:6379");
		}

		@GetMapping("/redis-rejected")
		String redisRejected() {
			throw new RedisSystemException("Unknown redis exception",
					new RedisException("Currently not connected. Commands are rejected."));
		}

		@GetMapping("/timeout")
		String timeout() {
			throw new QueryTimeoutException("Redis command timed out");
		}

		@GetMapping("/rollback-failed")
		String rollbackFailed() {
			throw new TransactionSystemException("Unable to rollback against JDBC Connection",
					new SQLException("This connection has been closed.", "08003"));
		}

		@GetMapping("/rollback-on-closed")
		String rollbackOnClosed() {
			throw new TransactionSystemException("Unable to rollback against JDBC Connection",
					new SQLException("Connection is closed"));
		}

		@GetMapping("/conflict")
		String conflict() {
			throw new OptimisticLockingFailureException("row was updated by another transaction");
		}

	}

}
