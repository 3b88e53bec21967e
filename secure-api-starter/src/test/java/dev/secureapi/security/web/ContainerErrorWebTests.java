package dev.secureapi.security.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat refuses before any filter runs are answered with problem+json and the
 * security headers, never with Tomcat's HTML error page. The requests are written on a
 * raw socket, since no HTTP client sends them.
 */
@SpringBootTest(classes = HardeningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ContainerErrorWebTests {

	@LocalServerPort
	int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void headersOverTheServerLimitAre431Problem() throws Exception {
		String answer = this.http.rawHead("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
				+ "a".repeat(100 * 1024) + "\r\n\r\n");
		assertContainerProblem(answer, 431);
		assertThat(answer).contains("The request headers exceed the server's limit.");
	}

	@Test
	void malformedRequestLineIs400Problem() throws Exception {
		String answer = this.http.rawHead("GET /hello?x=<script> HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		assertContainerProblem(answer, 400);
	}

	@Test
	void garbageRequestLineIs400Problem() throws Exception {
		String answer = this.http.rawHead("NOT AN HTTP REQUEST LINE\r\nHost: 127.0.0.1\r\n\r\n");
		assertContainerProblem(answer, 400);
	}

	@Test
	void invalidHeaderCharactersAre400Problem() throws Exception {
		String answer = this.http.rawHead("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad\u0001Name: value\r\n\r\n");
		assertContainerProblem(answer, 400);
	}

	private static void assertContainerProblem(String answer, int status) {
		assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
		String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
		assertThat(head).contains("content-type: application/problem+json")
			.contains("x-content-type-options: nosniff")
			.contains("x-frame-options: deny")
			.contains("content-security-policy: default-src 'none'; frame-ancestors 'none'")
			.contains("referrer-policy: no-referrer")
			.contains("cache-control: no-store")
			.contains("x-request-id: ")
			.doesNotContain("server:");
		String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
		assertThat(body).contains("\"type\":\"about:blank\"")
			.contains("\"status\":" + status)
			.contains("\"title\":")
			.contains("\"detail\":")
			.contains("\"instance\":")
			.contains("\"request_id\":")
			.doesNotContain("<html", "Tomcat", "Exception");
	}

}
