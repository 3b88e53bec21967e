package dev.secureapi.security.cors;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.secureapi.security.problem.ProblemResponseWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CORS filter on its own, as in an application without a Spring Security chain.
 */
class CorsRequestFilterTests {

	private final List<String> rejections = new ArrayList<>();

	@Test
	void preflightFromAllowedOriginIsAnsweredWithoutReachingTheApplication() throws Exception {
		MockHttpServletRequest request = preflight("https://app.example.com", "PUT");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter("https://app.example.com").doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
		assertThat(response.getHeader("Access-Control-Allow-Methods")).contains("PUT");
		assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("1800");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void preflightForMethodNotAllowedIsRefused() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter("https://app.example.com").doFilter(preflight("https://app.example.com", "TRACE"), response,
				new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(this.rejections).containsExactly("cors");
	}

	@Test
	void withNothingConfiguredEveryCrossOriginRequestIsRefused() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/users");
		request.addHeader("Origin", "https://app.example.com");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter().doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("Cross-origin request not allowed.");
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void sameOriginAndNonBrowserRequestsPass() throws Exception {
		MockHttpServletRequest sameOrigin = new MockHttpServletRequest("POST", "/api/users");
		sameOrigin.setScheme("https");
		sameOrigin.setServerName("api.example.com");
		sameOrigin.setServerPort(443);
		sameOrigin.addHeader("Origin", "https://api.example.com");
		MockFilterChain chain = new MockFilterChain();
		filter().doFilter(sameOrigin, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isNotNull();
		MockFilterChain noOrigin = new MockFilterChain();
		filter().doFilter(new MockHttpServletRequest("POST", "/api/users"), new MockHttpServletResponse(), noOrigin);
		assertThat(noOrigin.getRequest()).isNotNull();
		assertThat(this.rejections).isEmpty();
	}

	private CorsRequestFilter filter(String... origins) {
		CorsProperties properties = new CorsProperties();
		properties.setAllowedOrigins(List.of(origins));
		return new CorsRequestFilter(CorsConfigurations.source(properties),
				new ProblemResponseWriter(new JsonMapper(), null), this.rejections::add);
	}

	private static MockHttpServletRequest preflight(String origin, String method) {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/users");
		request.addHeader("Origin", origin);
		request.addHeader("Access-Control-Request-Method", method);
		return request;
	}

}
