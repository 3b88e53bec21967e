package dev.secureapi.security.logging;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Names the user Spring Security authenticated. By the time the access log writes its
 * line, Spring Security has cleared its context, so the name comes from what
 * {@link SecurityContextUserCaptureFilter} recorded while the request was inside the
 * security filter chain, else from the security context Spring Security's authentication
 * filters keep as a request attribute (the case of a request the chain refused after
 * authenticating it, such as a 403), else from the container's user principal.
 */
class SecurityContextUserResolver implements AccessLogUserResolver {

	static final String USER_ATTRIBUTE = SecurityContextUserResolver.class.getName() + ".user";

	private static final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		if (request.getAttribute(USER_ATTRIBUTE) instanceof String user) {
			return user;
		}
		if (request.getAttribute(
				RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME) instanceof SecurityContext context) {
			String user = nameOf(context.getAuthentication());
			if (user != null) {
				return user;
			}
		}
		return AccessLogUserResolver.userPrincipal().resolve(request);
	}

	static @Nullable String nameOf(@Nullable Authentication authentication) {
		return (authentication != null && trustResolver.isAuthenticated(authentication)) ? authentication.getName()
				: null;
	}

}
