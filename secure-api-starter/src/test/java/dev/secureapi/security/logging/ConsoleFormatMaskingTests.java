package dev.secureapi.security.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console log is masked in every format, including the one a service gets without any
 * logging property: a service with the starter, started for real, serves a request
 * carrying a bearer token, a password, an e-mail address and a card number in its query
 * string, headers and body, and logs them in its own messages; none of them reaches the
 * console.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleFormatMaskingTests {

	private static final String PASSWORD = "hunter2-very-secret";

	private static final String EMAIL = "alice.liddell@example.com";

	private static final String CARD = "4111111111111111";

	private static final String JWT = jwt();

	private final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest(name = "console-format={0}")
	@CsvSource({ "'', '\"ecs\":{\"version\"'", "ecs, '\"ecs\":{\"version\"'", "logstash, '\"@version\":\"1\"'",
			"gelf, '\"short_message\"'", "plain, ' secure-api.access : '" })
	void secretsNeverReachTheConsole(String format, String marker, CapturedOutput output) throws Exception {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"secure-api.logging.access-log.include-query-string=true"));
		if (!format.isEmpty()) {
			properties.add("secure-api.logging.console-format=" + format);
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
				MaskedLoggingWebTests.TestApplication.class)
			.properties(properties.toArray(String[]::new))
			.run()) {
			int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/public/login?password=" + PASSWORD + "&email="
						+ EMAIL + "&card=" + CARD + "&page=1"))
				.header("Authorization", "Bearer " + JWT)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD
						+ "\",\"note\":\"card " + CARD + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut()
					.lines()
					.anyMatch((line) -> line.contains(requestId) && line.contains("secure-api.access")));
		}
		String out = output.getOut();
		assertThat(out).contains(marker)
			.contains("/api/public/login")
			.contains("a***@example.com")
			.doesNotContain(JWT)
			.doesNotContain(JWT.split("\\.")[1])
			.doesNotContain(JWT.split("\\.")[2])
			.doesNotContain(PASSWORD)
			.doesNotContain(EMAIL)
			.doesNotContain(CARD);
		if ("plain".equals(format)) {
			assertThat(out.lines().filter((line) -> line.contains("secure-api.access"))).isNotEmpty()
				.allSatisfy((line) -> assertThat(line).doesNotStartWith("{"));
		}
	}

	private static String jwt() {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String header = base64
			.encodeToString("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
		String claims = base64.encodeToString("{\"sub\":\"42\",\"roles\":[\"USER\"]}".getBytes(StandardCharsets.UTF_8));
		return header + "." + claims + "."
				+ base64.encodeToString("not-a-real-signature-xyz".getBytes(StandardCharsets.UTF_8));
	}

}
