package dev.secureapi.security.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted proxy only the configured family of forwarded headers is read: a
 * client that sends the other family, which the proxy passes through, picks neither its
 * address nor whether the request counts as secure.
 */
class ForwardedFamilyWebTests {

	@Nested
	@SpringBootTest(classes = HardeningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "secure-api.proxy.trusted-proxies=127.0.0.1/32")
	class XForwarded {

		@LocalServerPort
		int port;

		private Http http;

		@BeforeEach
		void setUp() {
			this.http = new Http(this.port);
		}

		@Test
		void forwardedHeaderIsIgnoredWhateverItSays() throws Exception {
			HttpResponse<String> response = this.http.get("/client-ip", "X-Forwarded-For", "198.51.100.7",
					"X-Forwarded-Proto", "http", "Forwarded", "for=6.6.6.6;proto=https");
			assertThat(response.body()).contains("\"ip\":\"198.51.100.7\"")
				.contains("\"remote_addr\":\"198.51.100.7\"")
				.contains("\"secure\":false");
			assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
		}

		@Test
		void forwardedHeaderAloneChangesNothing() throws Exception {
			HttpResponse<String> response = this.http.get("/client-ip", "Forwarded", "for=6.6.6.6;proto=https");
			assertThat(response.body()).contains("\"ip\":\"127.0.0.1\"").contains("\"secure\":false");
		}

	}

	@Nested
	@SpringBootTest(classes = HardeningTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "secure-api.proxy.trusted-proxies=127.0.0.1/32",
					"secure-api.proxy.forwarded-headers=forwarded" })
	class Forwarded {

		@LocalServerPort
		int port;

		private Http http;

		@BeforeEach
		void setUp() {
			this.http = new Http(this.port);
		}

		@Test
		void xForwardedHeadersAreIgnoredWhateverTheySay() throws Exception {
			HttpResponse<String> response = this.http.get("/client-ip", "X-Forwarded-For", "6.6.6.6",
					"X-Forwarded-Proto", "https", "Forwarded", "for=198.51.100.7;proto=http");
			assertThat(response.body()).contains("\"ip\":\"198.51.100.7\"")
				.contains("\"remote_addr\":\"198.51.100.7\"")
				.contains("\"secure\":false");
			assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
		}

		@Test
		void forwardedProtoHttpsCountsAsSecure() throws Exception {
			HttpResponse<String> response = this.http.get("/client-ip", "X-Forwarded-Proto", "http", "Forwarded",
					"for=198.51.100.7;proto=https");
			assertThat(response.body()).contains("\"ip\":\"198.51.100.7\"").contains("\"secure\":true");
			assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
		}

	}

}
