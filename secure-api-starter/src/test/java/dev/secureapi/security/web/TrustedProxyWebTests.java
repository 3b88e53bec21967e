package dev.secureapi.security.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted proxy (the test client's own address is trusted): forwarded headers
 * are honoured, and HSTS is sent exactly when the proxy reports HTTPS.
 */
@SpringBootTest(classes = HardeningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "secure-api.proxy.trusted-proxies=127.0.0.1/32", "secure-api.headers.hsts.preload=true" })
class TrustedProxyWebTests {

	@LocalServerPort
	int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void forwardedForFromTrustedPeerIsTheClientAddress() throws Exception {
		HttpResponse<String> response = this.http.get("/client-ip", "X-Forwarded-For", "203.0.113.7");
		assertThat(response.body()).contains("\"ip\":\"203.0.113.7\"").contains("\"remote_addr\":\"203.0.113.7\"");
	}

	@Test
	void spoofedLeftmostEntryBehindTheTrustedProxyIsIgnored() throws Exception {
		HttpResponse<String> response = this.http.get("/client-ip", "X-Forwarded-For", "10.6.6.6, 203.0.113.7");
		assertThat(response.body()).contains("\"ip\":\"203.0.113.7\"");
	}

	@Test
	void forwardedHttpsFromTrustedPeerGetsHsts() throws Exception {
		HttpResponse<String> response = this.http.get("/hello", "X-Forwarded-Proto", "https");
		SecurityHeadersAssert.assertSecurityHeaders(response);
		assertThat(response.headers().allValues("Strict-Transport-Security"))
			.containsExactly("max-age=31536000; includeSubDomains; preload");
	}

	@Test
	void errorResponsesOverForwardedHttpsGetHstsToo() throws Exception {
		HttpResponse<String> response = this.http.get("/nope", "X-Forwarded-Proto", "https");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

	@Test
	void plainHttpFromTrustedPeerGetsNoHsts() throws Exception {
		assertThat(this.http.get("/hello").headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(
				this.http.get("/hello", "X-Forwarded-Proto", "http").headers().firstValue("Strict-Transport-Security"))
			.isEmpty();
	}

}
