package dev.secureapi.security;

import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.core.Ordered;

/**
 * The order of the kit's servlet filters, relative to Spring Security's filter chain. A rejection happens as early
 * as it can: client identity is resolved first, then the request id is assigned (so every later rejection carries
 * it), then headers, HTTPS and body limits, all before any body is read, before rate limits and before
 * authentication.
 */
public final class SecureApiFilterOrders {

	/**
	 * The order of Spring Security's filter chain (Boot's default for
	 * {@code spring.security.filter.order}).
	 */
	public static final int SPRING_SECURITY = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 100;

	/** Resolves the client address and scheme from trusted proxies' forwarded headers. */
	public static final int FORWARDED_HEADERS = Ordered.HIGHEST_PRECEDENCE + 100;

	/** Assigns the request id and puts it in the logging context. */
	public static final int REQUEST_ID = FORWARDED_HEADERS + 10;

	/** Writes one access-log line per request, after everything else has answered. */
	public static final int ACCESS_LOG = REQUEST_ID + 10;

	/** Adds the security headers to every response, errors included. */
	public static final int SECURITY_HEADERS = ACCESS_LOG + 10;

	/** Refuses plain-HTTP requests when HTTPS is required. */
	public static final int TRANSPORT = SECURITY_HEADERS + 10;

	/** Refuses and cuts off oversized request bodies, before any filter reads a body. */
	public static final int BODY_LIMIT = TRANSPORT + 10;

	/**
	 * Applies the CORS allow-list: before rate limits and authentication, so a preflight (which carries no
	 * credentials) is answered without them.
	 */
	public static final int CORS = BODY_LIMIT + 10;

	/** Rate limits keyed by client address: before authentication, so a flood costs no token or password work. */
	public static final int RATE_LIMIT_BEFORE_AUTHENTICATION = SPRING_SECURITY - 10;

	/**
	 * Records the authenticated user for the access log: right after Spring Security has authenticated the request,
	 * while its security context is in place.
	 */
	public static final int ACCESS_LOG_USER = SPRING_SECURITY + 1;

	/** Rate limits keyed by the authenticated user: after Spring Security has authenticated the request. */
	public static final int RATE_LIMIT_AFTER_AUTHENTICATION = SPRING_SECURITY + 10;

	private SecureApiFilterOrders() {
	}

}
