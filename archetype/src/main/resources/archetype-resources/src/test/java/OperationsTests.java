package ${package};

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators rely on: the Redis client refuses commands at once while Redis is unreachable (instead of
 * queueing them for the command timeout) and keeps reconnecting; a request with a W3C {@code traceparent} logs
 * that trace id as {@code trace_id} (with {@code span_id}) in its access-log line; liveness and readiness answer.
 * Redis is configured here (at an address nothing listens on, never connected to) so its client exists.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "spring.data.redis.url=redis://127.0.0.1:1",
				"secure-api.rate-limit.backend=local" })
@ExtendWith(OutputCaptureExtension.class)
class OperationsTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@LocalServerPort
	private int port;

	@Autowired
	private LettuceConnectionFactory redis;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theRedisClientRefusesCommandsWhileDisconnectedAndReconnects() {
		ClientOptions options = this.redis.getClientConfiguration().getClientOptions().orElseThrow();
		assertThat(options.getDisconnectedBehavior()).isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
		assertThat(options.isAutoReconnect()).isTrue();
	}

	@Test
	void aRequestWithATraceparentLogsItsTraceIdAsTraceId(CapturedOutput output) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/customers"))
			.header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		// the access log is written by a background thread: wait for its line
		List<String> traced = List.of();
		for (int attempt = 0; attempt < 50 && traced.isEmpty(); attempt++) {
			Thread.sleep(100);
			traced = output.getOut().lines().filter((line) -> line.contains("\"secure-api.access\"")
					&& line.contains("\"trace_id\":\"" + TRACE_ID + "\"")).toList();
		}
		assertThat(traced).as("the access-log line of the request").singleElement()
			.satisfies((line) -> assertThat(line).contains("\"span_id\":\"").doesNotContain("\"traceId\""));
	}

	@Test
	void livenessAndReadinessAnswer() throws Exception {
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + probe)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
		}
	}

}
