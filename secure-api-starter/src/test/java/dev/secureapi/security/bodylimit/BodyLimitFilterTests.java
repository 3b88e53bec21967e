package dev.secureapi.security.bodylimit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import dev.secureapi.security.problem.ProblemResponseWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BodyLimitFilterTests {

	private final List<String> rejections = new ArrayList<>();

	private final BodyLimitFilter filter;

	BodyLimitFilterTests() {
		BodyLimitProperties properties = new BodyLimitProperties();
		properties.setMaxSize(DataSize.ofBytes(10));
		this.filter = new BodyLimitFilter(new BodyLimits(properties), new ProblemResponseWriter(new JsonMapper(), null),
				this.rejections::add);
	}

	@Test
	void declaredOversizeBodyIsRefusedWithoutCallingTheChain() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x");
		request.setContent(new byte[11]);
		AtomicBoolean called = new AtomicBoolean();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> called.set(true));
		assertThat(called).isFalse();
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(this.rejections).containsExactly("body_limit");
	}

	@Test
	void undeclaredBodyIsPulledNoFurtherThanOneBytePastTheLimit() throws Exception {
		MockHttpServletRequest request = chunked(new byte[1000]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		List<Integer> returned = new ArrayList<>();
		FilterChain reader = (req, res) -> {
			byte[] buffer = new byte[4096];
			int total = 0;
			try {
				int read;
				while ((read = req.getInputStream().read(buffer)) > 0) {
					total += read;
				}
			}
			finally {
				returned.add(total);
			}
		};
		this.filter.doFilter(request, response, reader);
		assertThat(returned).containsExactly(0);
		assertThat(request.getInputStream().available()).isEqualTo(1000 - 11);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString()).contains("exceeds the limit of 10 bytes");
		assertThat(this.rejections).containsExactly("body_limit");
	}

	@Test
	void undeclaredBodyAtTheLimitIsReadWhole() throws Exception {
		MockHttpServletRequest request = chunked("0123456789".getBytes());
		MockHttpServletResponse response = new MockHttpServletResponse();
		List<String> bodies = new ArrayList<>();
		this.filter.doFilter(request, response, (req, res) -> bodies.add(new String(req.getReader().readLine())));
		assertThat(bodies).containsExactly("0123456789");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(this.rejections).isEmpty();
	}

	@Test
	void failuresUnrelatedToTheLimitPropagate() {
		MockHttpServletRequest request = chunked(new byte[5]);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
				throw new IOException("client went away");
			}));
	}

	private static MockHttpServletRequest chunked(byte[] body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x") {
			@Override
			public long getContentLengthLong() {
				return -1;
			}

			@Override
			public int getContentLength() {
				return -1;
			}
		};
		request.setContent(body);
		request.addHeader("Transfer-Encoding", "chunked");
		return request;
	}

}
