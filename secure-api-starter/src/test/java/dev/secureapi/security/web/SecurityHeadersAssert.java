package dev.secureapi.security.web;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers every response must carry, and the ones none may carry.
 */
final class SecurityHeadersAssert {

	static final String CSP = "default-src 'none'; frame-ancestors 'none'";

	private SecurityHeadersAssert() {
	}

	static void assertSecurityHeaders(HttpResponse<?> response) {
		assertSecurityHeaders(response, CSP);
	}

	static void assertSecurityHeaders(HttpResponse<?> response, String csp) {
		var headers = response.headers();
		assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(headers.allValues("X-Frame-Options")).containsExactly("DENY");
		assertThat(headers.allValues("Content-Security-Policy")).containsExactly(csp);
		assertThat(headers.allValues("Referrer-Policy")).containsExactly("no-referrer");
		assertThat(headers.allValues("Permissions-Policy")).singleElement()
			.satisfies((value) -> assertThat(value).contains("camera=()", "geolocation=()", "microphone=()"));
		assertThat(headers.allValues("Cross-Origin-Opener-Policy")).containsExactly("same-origin");
		assertThat(headers.allValues("Cross-Origin-Resource-Policy")).containsExactly("same-origin");
		assertThat(headers.allValues("Cache-Control")).containsExactly("no-store");
		assertThat(headers.allValues("X-Request-Id")).singleElement().asString().isNotBlank();
		assertThat(headers.map().keySet()).map(String::toLowerCase)
			.doesNotContain("x-xss-protection", "pragma", "expires", "server", "x-powered-by");
	}

}
