package dev.secureapi.example;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request that arrives with a W3C {@code traceparent} continues that trace: the
 * access-log line and the audit event it causes carry its trace id and a span id in the
 * JSON (ECS) log as {@code trace_id} and {@code span_id}, next to the request id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:tracing;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "logging.structured.format.console=ecs" })
@ExtendWith(OutputCaptureExtension.class)
class TracingLogTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ApiTestSupport.register(registry);
	}

	@Test
	void aRequestWithATraceparentLogsItsTraceIdInTheAccessLogAndTheAuditTrail(CapturedOutput output) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=nobody&password=wrong-pass"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		// the access log is written by a background thread: wait for its line
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getOut()
				.lines()
				.anyMatch((line) -> line.contains(TRACE_ID) && line.contains("\"secure-api.access\"")));
		List<String> traced = output.getOut().lines().filter((line) -> line.contains(TRACE_ID)).toList();
		assertThat(traced).as("access-log line")
			.anySatisfy((line) -> assertThat(line).contains("\"secure-api.access\"", "\"trace_id\":\"" + TRACE_ID,
					"\"span_id\":\"", "\"request_id\":\""));
		assertThat(traced).as("audit event")
			.anySatisfy((line) -> assertThat(line).contains("dev.secureapi.example.audit", "\"trace_id\":\"" + TRACE_ID,
					"\"span_id\":\""));
		assertThat(traced).as("no line names them the other way")
			.noneSatisfy((line) -> assertThat(line).containsAnyOf("\"traceId\"", "\"spanId\""));
	}

}
