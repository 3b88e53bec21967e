package dev.secureapi.security.proxy;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the request show the client a trusted proxy reported: {@code getRemoteAddr()},
 * {@code isSecure()} and {@code getScheme()} answer for the client, so Spring Security,
 * access logs and application code see the same client as the {@link ClientIpResolver}.
 * Requests from untrusted peers pass unchanged, forwarded headers and all.
 */
class TrustedProxyFilter extends OncePerRequestFilter {

	private final TrustedProxyClientIpResolver resolver;

	/**
	 * Creates a filter.
	 * @param resolver the resolver deciding which peers are trusted
	 */
	TrustedProxyFilter(TrustedProxyClientIpResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.resolver.isTrusted(request.getRemoteAddr())) {
			chain.doFilter(request, response);
			return;
		}
		String client = this.resolver.resolve(request);
		boolean secure = this.resolver.isSecure(request);
		request.setAttribute(TrustedProxyClientIpResolver.RESOLVED_ATTRIBUTE, client);
		chain.doFilter(new ForwardedRequest(request, client, secure), response);
	}

	private static final class ForwardedRequest extends HttpServletRequestWrapper {

		private final String client;

		private final boolean secure;

		ForwardedRequest(HttpServletRequest request, String client, boolean secure) {
			super(request);
			this.client = client;
			this.secure = secure;
		}

		@Override
		public String getRemoteAddr() {
			return this.client;
		}

		@Override
		public String getRemoteHost() {
			return this.client;
		}

		@Override
		public boolean isSecure() {
			return this.secure;
		}

		@Override
		public String getScheme() {
			return this.secure ? "https" : super.getScheme();
		}

	}

}
