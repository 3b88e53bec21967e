package dev.secureapi.security.web;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.secureapi.security.metrics.RejectedRequestsCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's HTTP hardening over real HTTP, with no trusted proxy configured and a
 * Spring Security chain that leaves Spring Security's own header writer on.
 */
@SpringBootTest(classes = HardeningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "secure-api.body-limit.max-size=64KB", "secure-api.body-limit.paths[0].patterns=/upload/**",
				"secure-api.body-limit.paths[0].methods=POST", "secure-api.body-limit.paths[0].max-size=1KB",
				"secure-api.headers.paths[0].patterns=/swagger-ui/**",
				"secure-api.headers.paths[0].content-security-policy=default-src 'self'",
				"secure-api.cors.allowed-origins=https://app.example.com" })
class HardeningWebTests {

	private static final int LIMIT = 64 * 1024;

	private static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "content-length", "transfer-encoding",
			"date", "keep-alive", "connection", "vary");

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meterRegistry;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void okResponseCarriesEverySecurityHeaderAndNoneOfSpringSecuritysLegacyOnes() throws Exception {
		HttpResponse<String> response = this.http.get("/hello");
		assertThat(response.statusCode()).isEqualTo(200);
		SecurityHeadersAssert.assertSecurityHeaders(response);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(response.headers().map().keySet()).map(String::toLowerCase)
			.filteredOn((name) -> !TRANSPORT_HEADERS.contains(name))
			.containsExactlyInAnyOrder("x-content-type-options", "x-frame-options", "content-security-policy",
					"referrer-policy", "permissions-policy", "cross-origin-opener-policy",
					"cross-origin-resource-policy", "cache-control", "x-request-id");
	}

	@Test
	void notFoundIsProblemWithSecurityHeaders() throws Exception {
		HttpResponse<String> response = this.http.get("/nope");
		assertProblem(response, 404);
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void methodNotAllowedIsProblemWithSecurityHeaders() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/hello").DELETE().build());
		assertProblem(response, 405);
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void unsupportedMediaTypeIsProblemWithSecurityHeaders() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/echo")
			.header("Content-Type", "text/plain")
			.POST(BodyPublishers.ofString("name=x"))
			.build());
		assertProblem(response, 415);
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void malformedJsonIsBadRequestProblem() throws Exception {
		HttpResponse<String> response = postJson("/echo", "{\"name\": ");
		assertProblem(response, 400);
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void typeMismatchIsBadRequestProblem() throws Exception {
		HttpResponse<String> response = this.http.get("/count?count=abc");
		assertProblem(response, 400);
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void missingParameterIsBadRequestProblem() throws Exception {
		HttpResponse<String> response = this.http.get("/count");
		assertProblem(response, 400);
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void unhandledExceptionIsGenericServerErrorWithoutTheMessage() throws Exception {
		HttpResponse<String> response = this.http.get("/boom");
		assertProblem(response, 500);
		SecurityHeadersAssert.assertSecurityHeaders(response);
		assertThat(response.body()).doesNotContain("hunter2", "jdbc", "IllegalStateException", "password")
			.contains("The server could not complete the request.");
	}

	@Test
	void forbiddenFromSpringSecurityIsProblemWithSecurityHeaders() throws Exception {
		HttpResponse<String> response = this.http.get("/admin/anything");
		assertProblem(response, 403);
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void swaggerUiPathGetsItsRelaxedContentSecurityPolicyOnly() throws Exception {
		HttpResponse<String> response = this.http.get("/swagger-ui/index.html");
		assertThat(response.statusCode()).isEqualTo(200);
		SecurityHeadersAssert.assertSecurityHeaders(response, "default-src 'self'");
		SecurityHeadersAssert.assertSecurityHeaders(this.http.get("/hello"));
	}

	@Test
	void declaredOversizeBodyIsRefusedWith413BeforeTheBodyIsSent() throws Exception {
		double before = rejected("body_limit");
		String answer = this.http.rawHead("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 413 ");
		assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json")
			.containsIgnoringCase("X-Content-Type-Options: nosniff")
			.contains("\"status\":413");
		assertThat(rejected("body_limit")).isEqualTo(before + 1);
	}

	@Test
	void declaredOversizeBodySentInFullIsRefusedWith413() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/raw")
			.header("Content-Type", "application/octet-stream")
			.POST(BodyPublishers.ofByteArray(new byte[LIMIT + 1]))
			.build());
		assertProblem(response, 413);
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void chunkedOversizeJsonBodyIsCutOffWith413() throws Exception {
		double before = rejected("body_limit");
		HttpResponse<String> response = this.http.send(this.http.request("/echo")
			.header("Content-Type", "application/json")
			.POST(chunked(jsonOfSize(4 * LIMIT)))
			.build());
		assertProblem(response, 413);
		assertThat(response.body()).contains("exceeds the limit of " + LIMIT + " bytes");
		SecurityHeadersAssert.assertSecurityHeaders(response);
		assertThat(rejected("body_limit")).isEqualTo(before + 1);
	}

	@Test
	void chunkedOversizeBodyReadByTheControllerIsCutOffWith413() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/raw")
			.header("Content-Type", "application/octet-stream")
			.POST(chunked(new byte[4 * LIMIT]))
			.build());
		assertProblem(response, 413);
	}

	@Test
	void chunkedOversizeBodyReadOutsideSpringMvcIsCutOffWith413() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/filter-read")
			.header("Content-Type", "application/octet-stream")
			.POST(chunked(new byte[4 * LIMIT]))
			.build());
		assertProblem(response, 413);
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void chunkedBodyExactlyAtTheLimitIsRead() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/raw")
			.header("Content-Type", "application/octet-stream")
			.POST(chunked(new byte[LIMIT]))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"bytes\":" + LIMIT + "}");
	}

	@Test
	void declaredBodyJustUnderTheLimitIsRead() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/raw")
			.header("Content-Type", "application/octet-stream")
			.POST(BodyPublishers.ofByteArray(new byte[LIMIT - 1]))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"bytes\":" + (LIMIT - 1) + "}");
	}

	@Test
	void chunkedJsonJustUnderTheLimitIsParsed() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/echo")
			.header("Content-Type", "application/json")
			.POST(chunked(jsonOfSize(LIMIT - 1)))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void pathOverrideAppliesItsOwnLimit() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/upload/file")
			.header("Content-Type", "application/octet-stream")
			.POST(BodyPublishers.ofByteArray(new byte[2048]))
			.build());
		assertProblem(response, 413);
		assertThat(response.body()).contains("1024 bytes");
	}

	// 200 levels and 500 digits are within Jackson's own defaults: only the kit's limits
	// (64, 100) refuse them
	@Test
	void deeplyNestedJsonIsBadRequestProblem() throws Exception {
		String deep = "[".repeat(200) + "]".repeat(200);
		HttpResponse<String> response = postJson("/json", deep);
		assertProblem(response, 400);
		assertThat(postJson("/json", "[".repeat(10) + "]".repeat(10)).statusCode()).isEqualTo(200);
	}

	@Test
	void overlongNumberIsBadRequestProblem() throws Exception {
		HttpResponse<String> response = postJson("/json", "[" + "9".repeat(500) + "]");
		assertProblem(response, 400);
	}

	@Test
	void spoofedForwardedForFromUntrustedPeerIsIgnored() throws Exception {
		HttpResponse<String> response = this.http.get("/client-ip", "X-Forwarded-For", "203.0.113.7",
				"X-Forwarded-Proto", "https");
		assertThat(response.body()).contains("\"ip\":\"127.0.0.1\"").contains("\"secure\":false");
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void preflightFromAllowedOriginIsAnswered() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/hello")
			.method("OPTIONS", BodyPublishers.noBody())
			.header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "Authorization, Content-Type")
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
	}

	@Test
	void crossOriginRequestFromAllowedOriginGetsCorsHeaders() throws Exception {
		HttpResponse<String> response = this.http.get("/hello", "Origin", "https://app.example.com");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
			.contains("X-Request-Id");
	}

	@Test
	void preflightFromUnknownOriginIsRefusedWithProblem() throws Exception {
		double before = rejected("cors");
		HttpResponse<String> response = this.http.send(this.http.request("/hello")
			.method("OPTIONS", BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.build());
		assertProblem(response, 403);
		SecurityHeadersAssert.assertSecurityHeaders(response);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(rejected("cors")).isEqualTo(before + 1);
	}

	@Test
	void crossOriginRequestFromUnknownOriginIsRefused() throws Exception {
		HttpResponse<String> response = this.http.get("/hello", "Origin", "https://evil.example");
		assertProblem(response, 403);
		assertThat(response.body()).doesNotContain("\"message\"");
	}

	private HttpResponse<String> postJson(String path, String json) throws Exception {
		return this.http.send(this.http.request(path)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build());
	}

	private static HttpRequest.BodyPublisher chunked(byte[] body) {
		return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
	}

	private static byte[] jsonOfSize(int size) {
		String prefix = "{\"name\":\"";
		String suffix = "\",\"count\":1}";
		char[] filler = new char[size - prefix.length() - suffix.length()];
		Arrays.fill(filler, 'a');
		return (prefix + new String(filler) + suffix).getBytes(StandardCharsets.UTF_8);
	}

	private double rejected(String reason) {
		Counter counter = this.meterRegistry.find(RejectedRequestsCounter.METRIC_NAME).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":" + status)
			.contains("\"type\":\"about:blank\"")
			.contains("\"title\":")
			.contains("\"detail\":")
			.contains("\"instance\":")
			.contains("\"request_id\":");
	}

}
