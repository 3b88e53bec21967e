package dev.secureapi.example;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.secureapi.example.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No password, password hash, token or full e-mail address reaches the log during a whole
 * register, login, refresh, patch and delete flow (with a failed login and a
 * refresh-token reuse), with DEBUG logging on for the application, Spring MVC and Spring
 * Security.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
				"spring.datasource.url=jdbc:h2:mem:logs;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"logging.level.dev.secureapi=DEBUG", "logging.level.org.springframework.web=DEBUG",
				"logging.level.org.springframework.security=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class LogSafetyTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ApiTestSupport.register(registry);
	}

	@Test
	void registerLoginRefreshPatchAndDeleteLeaveNoSecretInTheLog(CapturedOutput output) {
		Api api = new Api(this.port);
		String username = Api.unique("logged");
		String password = "Sup3r-secret-pass";
		String email = username + "@mail.example.test";
		String newEmail = "new." + email;
		String newPassword = "An0ther-secret-pass";
		Response registered = api.postJson("/api/v1/users",
				api.json(Api.body("username", username, "email", email, "password", password)), null);
		assertThat(registered.status()).isEqualTo(201);
		long id = registered.json().get("id").asLong();
		Response wrongLogin = api.login(username, password + "x");
		assertThat(wrongLogin.status()).isEqualTo(401);
		Response login = api.login(username, password);
		String accessToken = login.json().get("access_token").asString();
		String refreshToken = login.json().get("refresh_token").asString();
		Response refreshed = api.postForm("/api/v1/token",
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
		assertThat(refreshed.status()).isEqualTo(200);
		String secondAccess = refreshed.json().get("access_token").asString();
		String secondRefresh = refreshed.json().get("refresh_token").asString();
		assertThat(api.postForm("/api/v1/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
			.status()).as("reuse").isEqualTo(401);
		Response patched = api.patchJson("/api/v1/users/me",
				api.json(Api.body("email", newEmail, "new_password", newPassword, "current_password", password)),
				secondAccess);
		assertThat(patched.status()).isEqualTo(200);
		String hash = this.jdbc.queryForObject("SELECT password_hash FROM users WHERE id = ?", String.class, id);
		String adminToken = api.token(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
		assertThat(api.delete("/api/v1/users/" + id, adminToken).status()).isEqualTo(204);

		String typedIntoTheUserName = "Tr0ub4dor.and.3";
		assertThat(api.login(typedIntoTheUserName, "whatever").status()).isEqualTo(401);
		assertThat(api.login(typedIntoTheUserName, password).status()).isEqualTo(401);
		String log = output.getAll();
		assertThat(log).contains("AUTHENTICATION_SUCCESS", "REFRESH_TOKEN_REUSE", "USER_DELETED", "unknown-user:");
		assertThat(log).as("a failed login of an existing user names the user").contains("principal=" + username);
		for (String secret : List.of(typedIntoTheUserName, password, newPassword, ApiTestSupport.ADMIN_PASSWORD, hash,
				"$argon2", accessToken, secondAccess, adminToken, refreshToken, secondRefresh, email, newEmail,
				email.substring(0, email.indexOf('@') + 1) + "mail")) {
			assertThat(log).as("the log must not contain %s", secret).doesNotContain(secret);
		}
	}

}
