package dev.secureapi.security.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.secureapi.security.requestid.RequestId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AccessLogFilterTests {

	private final AccessLogCapture capture = new AccessLogCapture();

	private final AccessLogFilter filter = new AccessLogFilter((request) -> "203.0.113.7",
			AccessLogUserResolver.userPrincipal(), null);

	@AfterEach
	void close() {
		this.capture.close();
		MDC.clear();
	}

	@Test
	void oneLineWithMethodPathStatusDurationClientIpBytesAndRequestId() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/users");
		MDC.put(RequestId.MDC_KEY, "req-42");
		run(this.filter, request, (req, res) -> {
			res.setStatus(201);
			res.getOutputStream().write("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
		});
		ILoggingEvent event = this.capture.single();
		Map<String, Object> fields = AccessLogCapture.fields(event);
		assertThat(fields).containsEntry("method", "POST")
			.containsEntry("path", "/api/v1/users")
			.containsEntry("status", 201)
			.containsEntry("client_ip", "203.0.113.7")
			.containsEntry("bytes", 8L)
			.containsKey("duration_ms")
			.doesNotContainKey("user");
		assertThat(fields.get("duration_ms")).isInstanceOf(Long.class);
		assertThat(event.getMDCPropertyMap()).containsEntry(RequestId.MDC_KEY, "req-42");
		assertThat(event.getFormattedMessage()).startsWith("POST /api/v1/users 201 ").endsWith("ms");
		assertThat(event.getLoggerName()).isEqualTo("secure-api.access");
	}

	@Test
	void queryStringIsNotLoggedByDefault() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users");
		request.setQueryString("name=al&access_token=abc123");
		run(this.filter, request, (req, res) -> res.setStatus(200));
		ILoggingEvent event = this.capture.single();
		assertThat(AccessLogCapture.fields(event)).containsEntry("path", "/api/v1/users");
		assertThat(event.getFormattedMessage()).doesNotContain("abc123").doesNotContain("name=al");
	}

	@Test
	void queryStringIsMaskedWhenIncluded() throws Exception {
		AccessLogFilter filter = new AccessLogFilter((request) -> "203.0.113.7", AccessLogUserResolver.userPrincipal(),
				new LoggingProperties().getMasking().toMasker());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users");
		request.setQueryString("name=al&access_token=abc123&email=alice@example.com");
		run(filter, request, (req, res) -> res.setStatus(200));
		assertThat(AccessLogCapture.fields(this.capture.single())).containsEntry("path",
				"/api/v1/users?name=al&access_token=****&email=a***@example.com");
	}

	@Test
	void bytesWrittenThroughTheWriterAreCountedInTheResponseEncoding() throws Exception {
		run(this.filter, new MockHttpServletRequest("GET", "/greeting"), (req, res) -> {
			res.setCharacterEncoding("UTF-8");
			res.getWriter().write("h\u00e9llo");
			res.getWriter().flush();
		});
		assertThat(AccessLogCapture.fields(this.capture.single())).containsEntry("bytes", 6L);
	}

	@Test
	void requestThatThrowsIsLoggedAs500AndTheExceptionPropagates() {
		assertThatIllegalStateException()
			.isThrownBy(() -> run(this.filter, new MockHttpServletRequest("GET", "/boom"), (req, res) -> {
				throw new IllegalStateException("boom");
			}));
		assertThat(AccessLogCapture.fields(this.capture.single())).containsEntry("status", 500);
	}

	@Test
	void authenticatedUserIsNamed() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users/me");
		request.setUserPrincipal(() -> "alice");
		run(this.filter, request, (req, res) -> res.setStatus(200));
		assertThat(AccessLogCapture.fields(this.capture.single())).containsEntry("user", "alice");
	}

	@Test
	void credentialHeadersAndBodiesAreNeverLogged() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/token");
		request.addHeader("Authorization", "Bearer " + MaskingTests.JWT);
		request.addHeader("Cookie", "SESSION=cookie-value-123");
		request.setContent("{\"password\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8));
		run(this.filter, request, (req, res) -> res.getOutputStream()
			.write("{\"refresh_token\":\"rt-1\"}".getBytes(StandardCharsets.UTF_8)));
		ILoggingEvent event = this.capture.single();
		String logged = event.getFormattedMessage() + AccessLogCapture.fields(event) + event.getMDCPropertyMap();
		assertThat(logged).doesNotContain(MaskingTests.JWT.substring(0, 20))
			.doesNotContain("cookie-value-123")
			.doesNotContain("hunter2")
			.doesNotContain("rt-1");
	}

	@Test
	void asynchronousRequestIsLoggedOnceWhenItCompletesWithItsRequestId() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users/stream");
		request.setAsyncSupported(true);
		request.setAttribute(RequestId.ATTRIBUTE, "req-async");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain(new HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				req.startAsync(req, res);
			}
		});
		this.filter.doFilter(request, response, chain);
		assertThat(this.capture.events()).isEmpty();
		MockAsyncContext asyncContext = (MockAsyncContext) request.getAsyncContext();
		((HttpServletResponse) asyncContext.getResponse()).getOutputStream().write(new byte[] { 1, 2, 3 });
		asyncContext.complete();
		ILoggingEvent event = this.capture.single();
		assertThat(AccessLogCapture.fields(event)).containsEntry("bytes", 3L).containsEntry("status", 200);
		assertThat(event.getMDCPropertyMap()).containsEntry(RequestId.MDC_KEY, "req-async");
		assertThat(MDC.get(RequestId.MDC_KEY)).isNull();
	}

	private static void run(AccessLogFilter filter, MockHttpServletRequest request, Handler handler)
			throws ServletException, IOException {
		MockFilterChain chain = new MockFilterChain(new HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
				handler.handle(req, res);
			}
		});
		filter.doFilter(request, new MockHttpServletResponse(), chain);
	}

	@FunctionalInterface
	interface Handler {

		void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;

	}

}
