package dev.secureapi.security.headers;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.secureapi.security.proxy.ClientIpResolver;

/**
 * Sets the security headers before anything else answers, so errors, 404s and problem
 * responses written by later filters carry them too, and keeps them authoritative for the
 * rest of the request. Error dispatches are filtered again, so the error page's response
 * is guarded the same way.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

	private final SecurityHeaders headers;

	private final ClientIpResolver clientIpResolver;

	/**
	 * Creates a filter.
	 * @param headers the headers to set
	 * @param clientIpResolver decides whether a request is secure (directly or through a
	 * trusted proxy)
	 */
	SecurityHeadersFilter(SecurityHeaders headers, ClientIpResolver clientIpResolver) {
		this.headers = headers;
		this.clientIpResolver = clientIpResolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Map<String, String> effective = this.headers.headersFor(request, this.clientIpResolver.isSecure(request));
		SecurityHeadersResponse guarded = new SecurityHeadersResponse(response, this.headers, effective);
		guarded.apply();
		chain.doFilter(request, guarded);
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		doFilterInternal(request, response, chain);
	}

}
