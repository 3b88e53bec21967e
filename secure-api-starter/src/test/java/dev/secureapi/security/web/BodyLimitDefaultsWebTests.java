package dev.secureapi.security.web;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default body limit (2 MB) and default parser limits, the JSON parser refuses
 * nothing the body limit admits except by nesting depth and number length, anything over
 * the limit is 413 whatever its shape, and a parser-limit refusal names the limit.
 */
@SpringBootTest(classes = HardeningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.max-swallow-size=-1")
class BodyLimitDefaultsWebTests {

	@LocalServerPort
	int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void jsonBodyOfOneLongStringUnderTheLimitIsRead() throws Exception {
		HttpResponse<String> response = postJson(oneLongString(1536 * 1024), false);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("OBJECT");
	}

	@Test
	void jsonBodyWithALongPropertyNameUnderTheLimitIsRead() throws Exception {
		String json = "{\"" + "n".repeat(100_000) + "\":1}";
		HttpResponse<String> response = postJson(json.getBytes(StandardCharsets.UTF_8), false);
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void chunkedBodyOfOneLongStringOverTheLimitIs413() throws Exception {
		HttpResponse<String> response = postJson(oneLongString(3 * 1024 * 1024), true);
		HardeningWebTests.assertProblem(response, 413);
		assertThat(response.body()).contains("exceeds the limit of " + (2 * 1024 * 1024) + " bytes");
	}

	@Test
	void declaredBodyOfOneLongStringOverTheLimitIs413() throws Exception {
		HttpResponse<String> response = postJson(oneLongString(3 * 1024 * 1024), false);
		HardeningWebTests.assertProblem(response, 413);
	}

	@Test
	void nestingOverTheParserLimitIs400NamingTheLimit() throws Exception {
		String deep = "[".repeat(65) + "]".repeat(65);
		HttpResponse<String> response = postJson(deep.getBytes(StandardCharsets.UTF_8), false);
		HardeningWebTests.assertProblem(response, 400);
		assertThat(response.body())
			.contains("The JSON nesting depth exceeds the limit of 64 (secure-api.body-limit.json.max-nesting-depth).")
			.doesNotContain("Failed to read request", "StreamReadConstraints");
	}

	@Test
	void overlongNumberIs400NamingTheLimit() throws Exception {
		HttpResponse<String> response = postJson(("[" + "9".repeat(101) + "]").getBytes(StandardCharsets.UTF_8), false);
		HardeningWebTests.assertProblem(response, 400);
		assertThat(response.body()).contains(
				"The JSON number length exceeds the limit of 100 (secure-api.body-limit.json.max-number-length).");
	}

	private HttpResponse<String> postJson(byte[] json, boolean chunked) throws Exception {
		return this.http.send(this.http.request("/json")
			.header("Content-Type", "application/json")
			.POST(chunked ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))
					: BodyPublishers.ofByteArray(json))
			.build());
	}

	private static byte[] oneLongString(int size) {
		String prefix = "{\"name\":\"";
		String suffix = "\"}";
		return (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix)
			.getBytes(StandardCharsets.UTF_8);
	}

}
