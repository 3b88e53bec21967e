package dev.secureapi.security.logging;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs inside Spring Security's filter chain (ordered right after it) and records the
 * authenticated user's name as a request attribute once the request has been handled,
 * while the security context is still in place, for {@link SecurityContextUserResolver}.
 */
class SecurityContextUserCaptureFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();
			String user = SecurityContextUserResolver.nameOf(strategy.getContext().getAuthentication());
			if (user != null) {
				request.setAttribute(SecurityContextUserResolver.USER_ATTRIBUTE, user);
			}
		}
	}

}
