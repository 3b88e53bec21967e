package dev.secureapi.security.transport;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.secureapi.security.metrics.RejectedRequestsCounter;
import dev.secureapi.security.problem.ProblemResponseWriter;
import dev.secureapi.security.proxy.ClientIpResolver;

/**
 * Refuses requests that did not arrive over HTTPS (directly or as a trusted proxy reports
 * it): GET and HEAD are redirected to the same URL over HTTPS with 301, anything else is
 * answered 403 problem+json, since redirecting a request with a body would make the
 * client send it, and its credentials, in clear text once more.
 */
class HttpsRequiredFilter extends OncePerRequestFilter {

	private final ClientIpResolver clientIpResolver;

	private final ProblemResponseWriter problems;

	private final RejectedRequestsCounter rejections;

	private final @Nullable Integer httpsPort;

	/**
	 * Creates a filter.
	 * @param clientIpResolver decides whether a request is secure
	 * @param problems writes the 403 answer
	 * @param rejections counts refused requests
	 * @param httpsPort the port to redirect to, or {@code null} for 443
	 */
	HttpsRequiredFilter(ClientIpResolver clientIpResolver, ProblemResponseWriter problems,
			RejectedRequestsCounter rejections, @Nullable Integer httpsPort) {
		this.clientIpResolver = clientIpResolver;
		this.problems = problems;
		this.rejections = rejections;
		this.httpsPort = httpsPort;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.clientIpResolver.isSecure(request)) {
			chain.doFilter(request, response);
			return;
		}
		this.rejections.increment(RejectedRequestsCounter.HTTPS_REQUIRED);
		String method = request.getMethod();
		if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)) {
			response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
			response.setHeader(HttpHeaders.LOCATION, httpsUrl(request));
			return;
		}
		this.problems.write(request, response, HttpStatus.FORBIDDEN, "HTTPS is required.");
	}

	private String httpsUrl(HttpServletRequest request) {
		StringBuilder url = new StringBuilder("https://").append(host(request.getServerName()));
		if (this.httpsPort != null && this.httpsPort != 443) {
			url.append(':').append(this.httpsPort);
		}
		url.append(request.getRequestURI());
		String query = request.getQueryString();
		if (query != null) {
			url.append('?').append(query);
		}
		return url.toString();
	}

	private static String host(String serverName) {
		return (serverName.indexOf(':') >= 0 && !serverName.startsWith("[")) ? "[" + serverName + "]" : serverName;
	}

}
