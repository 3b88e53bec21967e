package dev.secureapi.security.transport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.secureapi.security.problem.ProblemResponseWriter;
import dev.secureapi.security.proxy.TrustedProxyClientIpResolver;

import static org.assertj.core.api.Assertions.assertThat;

class HttpsRequiredFilterTests {

	private final List<String> rejections = new ArrayList<>();

	private final TrustedProxyClientIpResolver resolver = new TrustedProxyClientIpResolver(List.of("10.0.0.0/8"),
			"X-Forwarded-For", "X-Forwarded-Proto");

	@Test
	void forwardedHttpsFromUntrustedPeerIsStillRedirected() throws Exception {
		MockHttpServletRequest request = request("GET", "198.51.100.9");
		request.addHeader("X-Forwarded-Proto", "https");
		MockHttpServletResponse response = filter(null, request);
		assertThat(response.getStatus()).isEqualTo(301);
		assertThat(response.getHeader("Location")).isEqualTo("https://api.example.com/orders?page=2");
		assertThat(this.rejections).containsExactly("https_required");
	}

	@Test
	void headIsRedirectedToTheConfiguredPort() throws Exception {
		MockHttpServletResponse response = filter(8443, request("HEAD", "198.51.100.9"));
		assertThat(response.getStatus()).isEqualTo(301);
		assertThat(response.getHeader("Location")).isEqualTo("https://api.example.com:8443/orders?page=2");
	}

	@Test
	void deleteOverPlainHttpIsRefused() throws Exception {
		MockHttpServletResponse response = filter(null, request("DELETE", "198.51.100.9"));
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("HTTPS is required.");
	}

	@Test
	void directHttpsAndTrustedForwardedHttpsPass() throws Exception {
		MockHttpServletRequest direct = request("POST", "198.51.100.9");
		direct.setSecure(true);
		assertThat(filter(null, direct).getStatus()).isEqualTo(200);
		MockHttpServletRequest forwarded = request("POST", "10.1.1.1");
		forwarded.addHeader("X-Forwarded-Proto", "https");
		assertThat(filter(null, forwarded).getStatus()).isEqualTo(200);
		assertThat(this.rejections).isEmpty();
	}

	private MockHttpServletRequest request(String method, String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/orders");
		request.setQueryString("page=2");
		request.setServerName("api.example.com");
		request.setRemoteAddr(peer);
		return request;
	}

	private MockHttpServletResponse filter(Integer port, MockHttpServletRequest request) throws Exception {
		HttpsRequiredFilter filter = new HttpsRequiredFilter(this.resolver,
				new ProblemResponseWriter(new JsonMapper(), null), this.rejections::add, port);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
