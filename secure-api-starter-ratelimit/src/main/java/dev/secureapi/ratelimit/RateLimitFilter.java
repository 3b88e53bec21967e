package dev.secureapi.ratelimit;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks each request against the policies of one phase: before authentication for keys
 * that need no authenticated user (so a flood costs no token or password work), after it
 * for {@code user} keys.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter rateLimiter;

	private final RateLimitResponses responses;

	private final boolean afterAuthentication;

	/**
	 * Creates a filter.
	 * @param rateLimiter the rate limiter
	 * @param responses the response writer
	 * @param afterAuthentication whether this filter checks the policies keyed by user
	 */
	RateLimitFilter(RateLimiter rateLimiter, RateLimitResponses responses, boolean afterAuthentication) {
		this.rateLimiter = rateLimiter;
		this.responses = responses;
		this.afterAuthentication = afterAuthentication;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<RateLimitPolicy> policies = this.rateLimiter.matching(request, this.afterAuthentication);
		if (policies.isEmpty() || this.responses.apply(this.rateLimiter.check(request, policies), request, response)) {
			chain.doFilter(request, response);
		}
	}

}
