package dev.secureapi.security.logging;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Names the authenticated user of a request for the access log. Called once the request
 * has been handled. The starter's default reads Spring Security's authentication when
 * Spring Security is present, and the container's user principal otherwise; define a bean
 * of this type to name users another way.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AccessLogUserResolver {

	/**
	 * The name of the user who made the request.
	 * @param request the handled request
	 * @return the user's name, or {@code null} when the request was not authenticated
	 */
	@Nullable String resolve(HttpServletRequest request);

	/**
	 * A resolver that reads the container's {@link HttpServletRequest#getUserPrincipal()
	 * user principal}.
	 * @return the resolver
	 */
	static AccessLogUserResolver userPrincipal() {
		return (request) -> (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : null;
	}

}
