package dev.secureapi.security.proxy;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Resolves the address of the client that sent a request. Logs, rate limits and login
 * guards all ask this one resolver, so they agree on who the client is and none of them
 * trusts a forwarded header the others ignore.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ClientIpResolver {

	/**
	 * The client address of the request.
	 * @param request the request
	 * @return the client's IP address as a string; never {@code null}
	 */
	String resolve(HttpServletRequest request);

	/**
	 * Whether the request reached this server over HTTPS, directly or as a trusted proxy
	 * reports it.
	 * @param request the request
	 * @return whether the request is secure
	 */
	default boolean isSecure(HttpServletRequest request) {
		return request.isSecure();
	}

}
