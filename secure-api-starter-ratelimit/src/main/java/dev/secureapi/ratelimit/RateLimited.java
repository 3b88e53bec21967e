package dev.secureapi.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Applies the named policies (from {@code secure-api.rate-limit.policies}) to a
 * controller method or to every method of a controller, in addition to the policies that
 * match by path.
 *
 * @since 0.1.0
 */
@Documented
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface RateLimited {

	/**
	 * The names of the policies to apply.
	 * @return the policy names
	 */
	String[] value();

}
