package dev.secureapi.ratelimit;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code ratelimits} actuator endpoint: the configured policies, never a key or a
 * per-key count.
 *
 * @since 0.1.0
 */
@Endpoint(id = "ratelimits")
public class RateLimitsEndpoint {

	private final RateLimiter rateLimiter;

	/**
	 * Creates an endpoint.
	 * @param rateLimiter the rate limiter whose policies to list
	 */
	public RateLimitsEndpoint(RateLimiter rateLimiter) {
		this.rateLimiter = rateLimiter;
	}

	/**
	 * Lists the policies.
	 * @return the policies
	 */
	@ReadOperation
	public Policies policies() {
		return new Policies(this.rateLimiter.getPolicies().stream().map(PolicyDescriptor::of).toList());
	}

	/**
	 * The configured policies.
	 *
	 * @param policies the policies in order
	 */
	public record Policies(List<PolicyDescriptor> policies) {
	}

	/**
	 * One policy.
	 *
	 * @param name the name
	 * @param paths the path patterns
	 * @param methods the methods; empty means all
	 * @param key the kind of key
	 * @param limits the limits
	 * @param cost the tokens one request takes
	 */
	public record PolicyDescriptor(String name, List<String> paths, List<String> methods, String key,
			List<RateLimitPolicy.Limit> limits, long cost) {

		static PolicyDescriptor of(RateLimitPolicy policy) {
			String key = switch (policy.getKeyKind()) {
				case IP -> "ip";
				case USER -> "user";
				case HEADER -> "header:" + policy.getHeaderName();
				case HEADER_AND_IP -> "header:" + policy.getHeaderName() + "+ip";
			};
			return new PolicyDescriptor(policy.getName(), policy.getPaths(),
					policy.getMethods().stream().map(Object::toString).sorted().toList(), key, policy.getLimits(),
					policy.getCost());
		}

	}

}
