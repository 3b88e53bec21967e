package dev.secureapi.security.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code secure-api.transport.require-https=true} behind a trusted TLS-terminating
 * proxy.
 */
@SpringBootTest(classes = HardeningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "secure-api.transport.require-https=true", "secure-api.proxy.trusted-proxies=127.0.0.1/32" })
class RequireHttpsWebTests {

	@LocalServerPort
	int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void plainHttpGetIsRedirectedToHttps() throws Exception {
		HttpResponse<String> response = this.http.get("/hello?name=x");
		assertThat(response.statusCode()).isEqualTo(301);
		assertThat(response.headers().firstValue("Location")).hasValue("https://127.0.0.1/hello?name=x");
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void plainHttpPostIsRefusedWithProblem() throws Exception {
		HttpResponse<String> response = this.http.send(this.http.request("/echo")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"name\":\"x\",\"count\":1}"))
			.build());
		HardeningWebTests.assertProblem(response, 403);
		assertThat(response.body()).contains("HTTPS is required.");
		SecurityHeadersAssert.assertSecurityHeaders(response);
	}

	@Test
	void requestForwardedAsHttpsByTrustedProxyIsServed() throws Exception {
		HttpResponse<String> response = this.http.get("/hello", "X-Forwarded-Proto", "https");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

}
