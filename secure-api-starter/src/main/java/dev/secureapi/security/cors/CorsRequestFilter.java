package dev.secureapi.security.cors;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.secureapi.security.metrics.RejectedRequestsCounter;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Applies the CORS allow-list before authentication, so preflights need no credentials.
 * Allowed cross-origin requests get the CORS response headers (a preflight is answered
 * here); refused ones get 403 problem+json. Works with or without a Spring Security
 * filter chain.
 */
class CorsRequestFilter extends OncePerRequestFilter {

	private final CorsConfigurationSource source;

	private final ProblemResponseWriter problems;

	private final RejectedRequestsCounter rejections;

	private final DefaultCorsProcessor processor = new RefusingCorsProcessor();

	/**
	 * Creates a filter.
	 * @param source the allow-list
	 * @param problems writes the 403 answer
	 * @param rejections counts refused requests
	 */
	CorsRequestFilter(CorsConfigurationSource source, ProblemResponseWriter problems,
			RejectedRequestsCounter rejections) {
		this.source = source;
		this.problems = problems;
		this.rejections = rejections;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CorsConfiguration configuration = this.source.getCorsConfiguration(request);
		if (!this.processor.processRequest(configuration, request, response)) {
			this.rejections.increment(RejectedRequestsCounter.CORS);
			this.problems.write(request, response, HttpStatus.FORBIDDEN, "Cross-origin request not allowed.");
			return;
		}
		if (!CorsUtils.isPreFlightRequest(request)) {
			chain.doFilter(request, response);
		}
	}

	/**
	 * Refuses without writing Spring's plain-text body; the filter answers with a problem
	 * instead.
	 */
	private static final class RefusingCorsProcessor extends DefaultCorsProcessor {

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
			response.setStatusCode(HttpStatus.FORBIDDEN);
		}

	}

}
