package dev.secureapi.security.requestid;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

	private final RequestIdFilter filter = new RequestIdFilter("X-Request-Id", true);

	@Test
	void safeIncomingIdIsEchoedAndShared() throws Exception {
		MockHttpServletRequest request = request("abc-123_DEF.9");
		MockHttpServletResponse response = new MockHttpServletResponse();
		List<String> seenInMdc = new ArrayList<>();
		this.filter.doFilter(request, response, (req, res) -> seenInMdc.add(MDC.get(RequestId.MDC_KEY)));
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc-123_DEF.9");
		assertThat(RequestId.of(request)).isEqualTo("abc-123_DEF.9");
		assertThat(seenInMdc).containsExactly("abc-123_DEF.9");
		assertThat(MDC.get(RequestId.MDC_KEY)).isNull();
	}

	@Test
	void scriptInIncomingIdIsReplaced() throws Exception {
		assertReplaced("<script>alert(1)</script>");
	}

	@Test
	void overlongIncomingIdIsReplaced() throws Exception {
		assertReplaced("a".repeat(65));
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request("a".repeat(64)), response, (req, res) -> {
		});
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("a".repeat(64));
	}

	@Test
	void headerInjectionAttemptIsReplaced() throws Exception {
		assertReplaced("id\r\nSet-Cookie: x=1");
	}

	@Test
	void missingIdIsGenerated() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(new MockHttpServletRequest(), response, (req, res) -> {
		});
		assertThat(response.getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
	}

	@Test
	void incomingIdIsIgnoredWhenNotAccepted() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new RequestIdFilter("X-Request-Id", false).doFilter(request("abc"), response, (req, res) -> {
		});
		assertThat(response.getHeader("X-Request-Id")).isNotEqualTo("abc").matches("[0-9a-f-]{36}");
	}

	private void assertReplaced(String incoming) throws Exception {
		MockHttpServletRequest request = request(incoming);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
		});
		String id = response.getHeader("X-Request-Id");
		assertThat(id).isNotEqualTo(incoming).matches("[0-9a-f-]{36}");
		assertThat(RequestId.of(request)).isEqualTo(id);
	}

	private static MockHttpServletRequest request(String id) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("X-Request-Id", id);
		return request;
	}

}
