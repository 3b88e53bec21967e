package dev.secureapi.security.headers;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

import dev.secureapi.security.proxy.TrustedProxyClientIpResolver;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersFilterTests {

	private final TrustedProxyClientIpResolver resolver = new TrustedProxyClientIpResolver(List.of(), "X-Forwarded-For",
			"X-Forwarded-Proto");

	private final SecurityHeadersFilter filter = new SecurityHeadersFilter(
			new SecurityHeaders(new SecurityHeadersProperties()), this.resolver);

	@Test
	void springSecurityHeaderWriterCannotAddLegacyHeadersOrChangeOurs() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x");
		request.setSecure(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		HeaderWriterFilter springSecurity = new HeaderWriterFilter(List.of(new XXssProtectionHeaderWriter(),
				new CacheControlHeadersWriter(), new HstsHeaderWriter(), new XContentTypeOptionsHeaderWriter(),
				new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN)));
		springSecurity.setShouldWriteHeadersEagerly(true);
		run(request, response, new OkServlet(), springSecurity);
		assertThat(response.getHeaderNames()).doesNotContain("X-XSS-Protection", "Pragma", "Expires");
		assertThat(response.getHeaders("Cache-Control")).containsExactly("no-store");
		assertThat(response.getHeaders("X-Frame-Options")).containsExactly("DENY");
		assertThat(response.getHeaders("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.getHeaders("Strict-Transport-Security"))
			.containsExactly("max-age=31536000; includeSubDomains");
	}

	@Test
	void applicationCannotNameTheServerSoftwareOrOverrideCacheControl() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		run(new MockHttpServletRequest("GET", "/x"), response, new HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				res.setHeader("Server", "Apache Tomcat/11");
				res.addHeader("X-Powered-By", "Servlet/6.1");
				res.setHeader("Cache-Control", "public, max-age=3600");
				res.setDateHeader("Expires", 0);
				res.setIntHeader("X-Custom", 7);
			}
		});
		assertThat(response.getHeaderNames()).doesNotContain("Server", "X-Powered-By", "Expires");
		assertThat(response.getHeaders("Cache-Control")).containsExactly("no-store");
		assertThat(response.getHeader("X-Custom")).isEqualTo("7");
	}

	@Test
	void headerConfiguredEmptyIsLeftToTheApplication() throws Exception {
		SecurityHeadersProperties properties = new SecurityHeadersProperties();
		properties.setCacheControl("");
		SecurityHeadersFilter relaxed = new SecurityHeadersFilter(new SecurityHeaders(properties), this.resolver);
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(new HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				res.setHeader("Cache-Control", "public, max-age=60");
				res.setHeader("X-Frame-Options", "SAMEORIGIN");
			}
		}, relaxed).doFilter(new MockHttpServletRequest("GET", "/x"), response);
		assertThat(response.getHeaders("Cache-Control")).containsExactly("public, max-age=60");
		assertThat(response.getHeaders("X-Frame-Options")).containsExactly("DENY");
	}

	@Test
	void resetKeepsSecurityHeadersAndEarlierOnes() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("X-Request-Id", "abc");
		run(new MockHttpServletRequest("GET", "/x"), response, new HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				res.setHeader("X-Other", "gone");
				res.reset();
			}
		});
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc");
		assertThat(response.getHeader("Content-Security-Policy"))
			.isEqualTo("default-src 'none'; frame-ancestors 'none'");
		assertThat(response.getHeader("X-Other")).isNull();
	}

	@Test
	void hstsOnlyOnSecureRequests() throws Exception {
		MockHttpServletResponse plain = new MockHttpServletResponse();
		run(new MockHttpServletRequest("GET", "/x"), plain, new OkServlet());
		assertThat(plain.getHeader("Strict-Transport-Security")).isNull();
		MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/x");
		secure.setSecure(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		run(secure, response, new OkServlet());
		assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
	}

	@Test
	void forwardedHttpsFromUntrustedPeerGetsNoHsts() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
		request.setRemoteAddr("198.51.100.9");
		request.addHeader("X-Forwarded-Proto", "https");
		MockHttpServletResponse response = new MockHttpServletResponse();
		run(request, response, new OkServlet());
		assertThat(response.getHeader("Strict-Transport-Security")).isNull();
	}

	@Test
	void forwardedHttpsFromTrustedPeerGetsHsts() throws Exception {
		SecurityHeadersFilter trusting = new SecurityHeadersFilter(new SecurityHeaders(new SecurityHeadersProperties()),
				new TrustedProxyClientIpResolver(List.of("10.0.0.0/8"), "X-Forwarded-For", "X-Forwarded-Proto"));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
		request.setRemoteAddr("10.1.2.3");
		request.addHeader("X-Forwarded-Proto", "https");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(new OkServlet(), trusting).doFilter(request, response);
		assertThat(response.getHeader("Strict-Transport-Security")).isNotNull();
	}

	private void run(MockHttpServletRequest request, MockHttpServletResponse response, HttpServlet servlet,
			Filter... after) throws Exception {
		Filter[] filters = new Filter[after.length + 1];
		filters[0] = this.filter;
		System.arraycopy(after, 0, filters, 1, after.length);
		new MockFilterChain(servlet, filters).doFilter(request, response);
	}

	static class OkServlet extends HttpServlet {

		@Override
		protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
			res.getWriter().write("ok");
		}

	}

}
