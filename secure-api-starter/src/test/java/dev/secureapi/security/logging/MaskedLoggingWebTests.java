package dev.secureapi.security.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The masked JSON logs as a user gets them: the starter on the class path and
 * {@code logging.structured.format.console=ecs}, nothing else; real HTTP on a random port
 * and the real console output.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = MaskedLoggingWebTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "logging.structured.format.console=ecs")
class MaskedLoggingWebTests {

	private static final String PASSWORD = "hunter2-very-secret";

	private static final String EMAIL = "alice.liddell@example.com";

	private static final String JWT = jwt();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void neitherTokenNorPasswordNorEmailReachTheLogButTheAccessLogLineDoes(CapturedOutput output) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(uri("/api/public/login?token=query-secret-123&page=1"))
				.header("Authorization", "Bearer " + JWT)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"username\":\"alice\",\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
		JsonNode accessLog = awaitAccessLogLine(output, requestId);
		assertThat(accessLog.get("method").asString()).isEqualTo("POST");
		assertThat(accessLog.get("path").asString()).isEqualTo("/api/public/login");
		assertThat(accessLog.get("status").asInt()).isEqualTo(200);
		assertThat(accessLog.get("duration_ms").isNumber()).isTrue();
		assertThat(accessLog.get("client_ip").asString()).isEqualTo("127.0.0.1");
		assertThat(accessLog.get("request_id").asString()).isEqualTo(requestId);
		assertThat(accessLog.get("bytes").asLong()).isEqualTo(response.body().getBytes(StandardCharsets.UTF_8).length);
		assertThat(accessLog.has("user")).isFalse();
		assertThat(jsonLines(output)).filteredOn((line) -> isAccessLogLineOf(line, requestId)).hasSize(1);
		List<JsonNode> controllerLines = jsonLines(output).stream()
			.filter((line) -> EchoController.class.getName().equals(line.at("/log/logger").asString(null)))
			.filter((line) -> requestId.equals(line.path("request_id").asString(null)))
			.toList();
		assertThat(controllerLines).hasSize(2);
		assertThat(controllerLines.get(1).get("authorization").asString()).isEqualTo("****");
		assertThat(output.getOut()).contains("a***@example.com")
			.doesNotContain(JWT)
			.doesNotContain(JWT.split("\\.")[1])
			.doesNotContain(JWT.split("\\.")[2])
			.doesNotContain(PASSWORD)
			.doesNotContain(EMAIL)
			.doesNotContain("query-secret-123");
	}

	@Test
	void accessLogNamesTheUserSpringSecurityAuthenticated(CapturedOutput output) throws Exception {
		String basic = Base64.getEncoder().encodeToString("alice:wonderland-pw".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/me"))
			.header("Authorization", "Basic " + basic)
			.header("Cookie", "SESSION=cookie-secret-456")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode accessLog = awaitAccessLogLine(output, response.headers().firstValue("X-Request-Id").orElseThrow());
		assertThat(accessLog.get("path").asString()).isEqualTo("/api/me");
		assertThat(accessLog.get("user").asString()).isEqualTo("alice");
		assertThat(accessLog.get("status").asInt()).isEqualTo(200);
		assertThat(output.getOut()).doesNotContain(basic)
			.doesNotContain("wonderland-pw")
			.doesNotContain("cookie-secret-456");
	}

	@Test
	void requestRefusedAfterAuthenticationIsLoggedWithItsUser(CapturedOutput output) throws Exception {
		String basic = Base64.getEncoder().encodeToString("alice:wonderland-pw".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri("/api/admin")).header("Authorization", "Basic " + basic).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		JsonNode accessLog = awaitAccessLogLine(output, response.headers().firstValue("X-Request-Id").orElseThrow());
		assertThat(accessLog.get("status").asInt()).isEqualTo(403);
		assertThat(accessLog.get("user").asString()).isEqualTo("alice");
	}

	@Test
	void refusedRequestIsLoggedWithItsStatusAndNoUser(CapturedOutput output) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/me?debug=1")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		JsonNode accessLog = awaitAccessLogLine(output, response.headers().firstValue("X-Request-Id").orElseThrow());
		assertThat(accessLog.get("path").asString()).isEqualTo("/api/me");
		assertThat(accessLog.get("status").asInt()).isEqualTo(401);
		assertThat(accessLog.has("user")).isFalse();
	}

	/**
	 * The access log line of a request. The client can have the response before the
	 * server's filter has written the line, so this waits for it to appear.
	 */
	private JsonNode awaitAccessLogLine(CapturedOutput output, String requestId) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> accessLogLine(output, requestId), Optional::isPresent)
			.orElseThrow();
	}

	private Optional<JsonNode> accessLogLine(CapturedOutput output, String requestId) {
		return jsonLines(output).stream().filter((line) -> isAccessLogLineOf(line, requestId)).findFirst();
	}

	private static boolean isAccessLogLineOf(JsonNode line, String requestId) {
		return AccessLogFilter.LOGGER_NAME.equals(line.at("/log/logger").asString(null))
				&& requestId.equals(line.path("request_id").asString(null));
	}

	private List<JsonNode> jsonLines(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.startsWith("{")).map(this.json::readTree).toList();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String jwt() {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String header = base64.encodeToString(
				"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"default\"}".getBytes(StandardCharsets.UTF_8));
		String claims = base64.encodeToString(("{\"sub\":\"42\",\"roles\":[\"USER\"],\"iss\":\"secure-api\",\"exp\":"
				+ Instant.now().plusSeconds(900).getEpochSecond() + "}")
			.getBytes(StandardCharsets.UTF_8));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec("a-test-signing-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
					"HmacSHA256"));
			byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
			return header + "." + claims + "." + base64.encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoController.class)
	static class TestApplication {

		/**
		 * A user whose password is hashed by the starter's encoder, as an application's
		 * user store would be.
		 */
		@Bean
		InMemoryUserDetailsManager users(PasswordEncoder passwordEncoder) {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice").password(passwordEncoder.encode("wonderland-pw")).roles("USER").build());
		}

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.csrf((csrf) -> csrf.disable())
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/public/**")
					.permitAll()
					.requestMatchers("/api/admin/**")
					.hasRole("ADMIN")
					.anyRequest()
					.authenticated())
				.httpBasic((basic) -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
				.exceptionHandling((exceptions) -> exceptions
					.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))
					.accessDeniedHandler(
							(request, response, denied) -> response.setStatus(HttpStatus.FORBIDDEN.value())));
			// statuses are set, not sent as errors: what is tested here is the access
			// log, not the error dispatch
			return http.build();
		}

	}

	@RestController
	static class EchoController {

		private static final Logger logger = LoggerFactory.getLogger(EchoController.class);

		@PostMapping("/api/public/login")
		Map<String, Object> login(@RequestHeader("Authorization") String authorization,
				@RequestBody Map<String, Object> body) {
			logger.info("Login attempt with {} and body {}", authorization, body);
			logger.atInfo()
				.addKeyValue("authorization", authorization)
				.addKeyValue("contact", body.get("email"))
				.log("Will confirm to {} that the token {} was accepted", body.get("email"),
						authorization.substring(7));
			return Map.of("accepted", true);
		}

		@GetMapping("/api/me")
		String me(Principal principal) {
			return principal.getName();
		}

	}

}
