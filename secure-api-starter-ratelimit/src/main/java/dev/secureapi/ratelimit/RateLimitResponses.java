package dev.secureapi.ratelimit;

import java.io.IOException;
import java.time.Duration;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Writes the rate-limit headers of a decision, and the 429 or 503 problem of a refused
 * request. Headers follow the IETF httpapi draft:
 * {@code RateLimit-Policy: "api";q=100;w=60} lists each limit,
 * {@code RateLimit: "api";r=57;t=3} the tokens remaining and the seconds until the bucket
 * is full again.
 */
class RateLimitResponses {

	/**
	 * Seconds a client refused because the backend is unreachable (fail-closed) is asked
	 * to wait: about the time the backend's circuit stays open before it is tried again.
	 */
	static final String UNAVAILABLE_RETRY_AFTER_SECONDS = "5";

	/** The header listing the policies that applied. */
	public static final String POLICY_HEADER = "RateLimit-Policy";

	/** The header with the remaining quota of each policy that applied. */
	public static final String RATE_LIMIT_HEADER = "RateLimit";

	private final ProblemResponseWriter problems;

	private final boolean exposeHeaders;

	/**
	 * Creates a writer.
	 * @param problems the problem+json writer
	 * @param exposeHeaders whether to write the rate-limit headers
	 */
	RateLimitResponses(ProblemResponseWriter problems, boolean exposeHeaders) {
		this.problems = problems;
		this.exposeHeaders = exposeHeaders;
	}

	/**
	 * Adds the headers of a decision to the response, then answers 429 or 503 when the
	 * request is refused.
	 * @param decision the decision
	 * @param request the request
	 * @param response the response
	 * @return {@code true} when the request may proceed
	 * @throws IOException if writing fails
	 */
	boolean apply(RateLimitDecision decision, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (this.exposeHeaders) {
			writeHeaders(decision, response);
		}
		if (decision.isRejected()) {
			long retryAfter = decision.retryAfterSeconds();
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many requests; retry after " + retryAfter + " seconds.");
			return false;
		}
		if (decision.isUnavailable()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, UNAVAILABLE_RETRY_AFTER_SECONDS);
			this.problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
					"Rate limiting is temporarily unavailable; retry later.");
			return false;
		}
		return true;
	}

	private static void writeHeaders(RateLimitDecision decision, HttpServletResponse response) {
		for (RateLimitDecision.Result result : decision.results()) {
			ConsumptionProbe probe = result.probe();
			if (probe == null) {
				continue;
			}
			String name = result.policy().getName();
			for (RateLimitPolicy.Limit limit : result.policy().getLimits()) {
				response.addHeader(POLICY_HEADER,
						"\"" + name + "\";q=" + limit.capacity() + ";w=" + seconds(limit.period()));
			}
			response.addHeader(RATE_LIMIT_HEADER, "\"" + name + "\";r=" + probe.getRemainingTokens() + ";t="
					+ RateLimitDecision.ceilSeconds(probe.getNanosToWaitForReset()));
		}
	}

	private static long seconds(Duration period) {
		return Math.max(1, RateLimitDecision.ceilSeconds(period.toNanos()));
	}

}
