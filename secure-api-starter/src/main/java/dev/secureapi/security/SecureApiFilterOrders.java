package dev.secureapi.security;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The order of the kit's servlet filters, relative to Spring Security's filter chain. A
 * rejection happens as early as it can: client identity is resolved first, then the
 * request id is assigned (so every later rejection carries it), then headers, HTTPS and
 * body limits, all before any body is read, before rate limits and before authentication.
 *
 * <p>
 * The constants are the orders with Boot's default {@code spring.security.filter.order}.
 * The filters placed relative to Spring Security are registered at the orders the methods
 * compute from the application's {@code spring.security.filter.order}, so moving Spring
 * Security's chain moves them with it.
 *
 * @since 0.1.0
 */
public final class SecureApiFilterOrders {

	/**
	 * The order of Spring Security's filter chain: Boot's default for
	 * {@code spring.security.filter.order}. Use {@link #springSecurity(Environment)} for
	 * the order in force.
	 */
	public static final int SPRING_SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER;

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
	 * Applies the CORS allow-list: before rate limits and authentication, so a preflight
	 * (which carries no credentials) is answered without them.
	 */
	public static final int CORS = BODY_LIMIT + 10;

	/**
	 * Rate limits keyed by client address: before authentication, so a flood costs no
	 * token or password work.
	 */
	public static final int RATE_LIMIT_BEFORE_AUTHENTICATION = SPRING_SECURITY - 10;

	/**
	 * Records the authenticated user for the access log: right after Spring Security has
	 * authenticated the request, while its security context is in place.
	 */
	public static final int ACCESS_LOG_USER = SPRING_SECURITY + 1;

	/**
	 * Rate limits keyed by the authenticated user: after Spring Security has
	 * authenticated the request.
	 */
	public static final int RATE_LIMIT_AFTER_AUTHENTICATION = SPRING_SECURITY + 10;

	private static final String SECURITY_FILTER_PREFIX = "spring.security.filter";

	private SecureApiFilterOrders() {
	}

	/**
	 * The order of Spring Security's filter chain in this application:
	 * {@code spring.security.filter.order} as Boot binds it
	 * ({@link SecurityFilterProperties}), or Boot's default.
	 * @param environment the application's environment
	 * @return the order
	 */
	public static int springSecurity(Environment environment) {
		return Binder.get(environment)
			.bind(SECURITY_FILTER_PREFIX, SecurityFilterProperties.class)
			.map(SecurityFilterProperties::getOrder)
			.orElse(SPRING_SECURITY);
	}

	/**
	 * {@link #RATE_LIMIT_BEFORE_AUTHENTICATION} relative to this application's Spring
	 * Security order.
	 * @param environment the application's environment
	 * @return the order
	 */
	public static int rateLimitBeforeAuthentication(Environment environment) {
		return springSecurity(environment) + (RATE_LIMIT_BEFORE_AUTHENTICATION - SPRING_SECURITY);
	}

	/**
	 * {@link #ACCESS_LOG_USER} relative to this application's Spring Security order.
	 * @param environment the application's environment
	 * @return the order
	 */
	public static int accessLogUser(Environment environment) {
		return springSecurity(environment) + (ACCESS_LOG_USER - SPRING_SECURITY);
	}

	/**
	 * {@link #RATE_LIMIT_AFTER_AUTHENTICATION} relative to this application's Spring
	 * Security order.
	 * @param environment the application's environment
	 * @return the order
	 */
	public static int rateLimitAfterAuthentication(Environment environment) {
		return springSecurity(environment) + (RATE_LIMIT_AFTER_AUTHENTICATION - SPRING_SECURITY);
	}

	/**
	 * The registration of one of the kit's filters: at its order, for the given
	 * dispatcher types (Boot's default, {@code REQUEST}, when none are given). The
	 * auto-configurations register every filter through this, each backing off when the
	 * application registers a filter of the same type.
	 * @param <F> the filter type
	 * @param filter the filter
	 * @param order its order, one of this class's
	 * @param dispatcherTypes the dispatcher types it runs for
	 * @return the registration
	 */
	public static <F extends Filter> FilterRegistrationBean<F> registration(F filter, int order,
			DispatcherType... dispatcherTypes) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(order);
		if (dispatcherTypes.length > 0) {
			registration.setDispatcherTypes(EnumSet.of(dispatcherTypes[0], dispatcherTypes));
		}
		return registration;
	}

}
