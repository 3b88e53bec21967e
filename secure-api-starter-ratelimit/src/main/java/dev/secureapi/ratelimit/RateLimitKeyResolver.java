package dev.secureapi.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the key that identifies a client for a policy. Beans of this type are asked in
 * order before the built-in keys ({@code ip}, {@code user}, {@code header:<Name>}); the
 * first non-null answer is the key.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RateLimitKeyResolver {

	/**
	 * Resolves the key of a request for a policy.
	 * @param policy the policy being checked
	 * @param request the request
	 * @return the key, or {@code null} to leave the decision to the next resolver
	 */
	@Nullable String resolve(RateLimitPolicy policy, HttpServletRequest request);

}
