package dev.secureapi.security.bodylimit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.secureapi.security.metrics.RejectedRequestsCounter;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Refuses request bodies over the limit: a declared Content-Length above it is answered
 * 413 before any byte is read, and a body without one is counted while it is read and cut
 * off at the limit. When the cut-off happens outside Spring MVC (a later filter reading
 * the body), this filter answers the 413 itself.
 *
 * <p>
 * Bodies the servlet container parses itself, without the request's input stream (form
 * parameters of a POST and multipart parts), are counted by the container: without a
 * declared length they are bounded by {@code server.tomcat.max-http-form-post-size} and
 * {@code spring.servlet.multipart.*} rather than by this filter.
 */
class BodyLimitFilter extends OncePerRequestFilter {

	private final BodyLimits limits;

	private final ProblemResponseWriter problems;

	private final RejectedRequestsCounter rejections;

	/**
	 * Creates a filter.
	 * @param limits the limit of each request
	 * @param problems writes the 413 answer
	 * @param rejections counts refused requests
	 */
	BodyLimitFilter(BodyLimits limits, ProblemResponseWriter problems, RejectedRequestsCounter rejections) {
		this.limits = limits;
		this.problems = problems;
		this.rejections = rejections;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = this.limits.limitFor(request);
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			this.rejections.increment(RejectedRequestsCounter.BODY_LIMIT);
			reject(request, response, limit);
			return;
		}
		if (declared >= 0) {
			// the container never hands out more than the declared length
			chain.doFilter(request, response);
			return;
		}
		LimitedBodyRequest limited = new LimitedBodyRequest(request, limit,
				() -> this.rejections.increment(RejectedRequestsCounter.BODY_LIMIT));
		try {
			chain.doFilter(limited, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!limited.isExceeded() || response.isCommitted()) {
				throw ex;
			}
			reject(request, response, limit);
		}
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
		this.problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, BodyTooLargeException.detail(limit));
	}

}
