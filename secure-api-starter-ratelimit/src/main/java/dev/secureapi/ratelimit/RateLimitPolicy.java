package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * A rate-limit policy compiled from {@link RateLimitProperties.Policy}: which requests it
 * applies to, what identifies a client, and the limits of each client's bucket.
 *
 * @since 0.1.0
 */
public final class RateLimitPolicy {

	private final String name;

	private final List<PathPattern> paths;

	private final Set<HttpMethod> methods;

	private final KeyKind keyKind;

	private final @Nullable String headerName;

	private final List<Limit> limits;

	private final long cost;

	private final BucketConfiguration configuration;

	private RateLimitPolicy(String name, List<PathPattern> paths, Set<HttpMethod> methods, KeyKind keyKind,
			@Nullable String headerName, List<Limit> limits, long cost) {
		this.name = name;
		this.paths = paths;
		this.methods = methods;
		this.keyKind = keyKind;
		this.headerName = headerName;
		this.limits = limits;
		this.cost = cost;
		ConfigurationBuilder builder = BucketConfiguration.builder();
		for (Limit limit : limits) {
			builder.addLimit(Bandwidth.builder()
				.capacity(limit.capacity())
				.refillGreedy(limit.capacity(), limit.period())
				.build());
		}
		this.configuration = builder.build();
	}

	/**
	 * Compiles a policy from its properties.
	 * @param policy the policy's properties, already validated
	 * @return the policy
	 * @throws RateLimitConfigurationException if a path pattern does not parse
	 */
	public static RateLimitPolicy of(RateLimitProperties.Policy policy) {
		List<PathPattern> paths = policy.getPaths().stream().map((path) -> parse(policy.getName(), path)).toList();
		String key = policy.getKey();
		KeyKind kind;
		String header = null;
		if (key.startsWith("header:")) {
			boolean withIp = key.endsWith("+ip");
			kind = withIp ? KeyKind.HEADER_AND_IP : KeyKind.HEADER;
			header = key.substring("header:".length(), key.length() - (withIp ? "+ip".length() : 0));
		}
		else {
			kind = KeyKind.valueOf(key.toUpperCase(java.util.Locale.ROOT));
		}
		List<Limit> limits = policy.getLimits().stream().map((l) -> new Limit(l.getCapacity(), l.getPeriod())).toList();
		try {
			return new RateLimitPolicy(policy.getName(), paths, Set.copyOf(policy.getMethods()), kind, header, limits,
					policy.getCost());
		}
		catch (IllegalArgumentException ex) {
			// Bucket4j refuses limits it cannot represent, such as more than one token
			// per nanosecond
			throw new RateLimitConfigurationException(
					"A limit of rate-limit policy '" + policy.getName() + "' cannot be used: " + ex.getMessage(),
					"Lower the capacity or lengthen the period in secure-api.rate-limit.policies[].limits.");
		}
	}

	private static PathPattern parse(String policy, String path) {
		try {
			return PathPatternParser.defaultInstance.parse(path);
		}
		catch (PatternParseException ex) {
			throw new RateLimitConfigurationException(
					"The path '" + path + "' of rate-limit policy '" + policy + "' is not a valid path pattern: "
							+ ex.getMessage(),
					"Use Spring PathPattern syntax in secure-api.rate-limit.policies[].paths, for example /api/**.");
		}
	}

	/**
	 * Whether the policy applies to a request by its path and method. A policy without
	 * paths applies only to handler methods annotated with {@link RateLimited}.
	 * @param request the request
	 * @return whether it applies
	 */
	public boolean matches(HttpServletRequest request) {
		return matchesMethod(request) && matchesPath(pathWithinApplication(request));
	}

	/**
	 * Whether the policy's paths match a path.
	 * @param path the request's path within the application
	 * @return whether one of the patterns matches
	 */
	boolean matchesPath(PathContainer path) {
		for (PathPattern pattern : this.paths) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	static PathContainer pathWithinApplication(HttpServletRequest request) {
		return RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
	}

	boolean matchesMethod(HttpServletRequest request) {
		return this.methods.isEmpty() || this.methods.contains(HttpMethod.valueOf(request.getMethod()));
	}

	/**
	 * The policy's name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * The path patterns the policy applies to.
	 * @return the patterns as configured
	 */
	public List<String> getPaths() {
		return this.paths.stream().map(PathPattern::getPatternString).toList();
	}

	/**
	 * The methods the policy applies to; empty means all.
	 * @return the methods
	 */
	public Set<HttpMethod> getMethods() {
		return this.methods;
	}

	/**
	 * What identifies a client.
	 * @return the kind of key
	 */
	public KeyKind getKeyKind() {
		return this.keyKind;
	}

	/**
	 * The request header whose value identifies a client, for {@link KeyKind#HEADER} and
	 * {@link KeyKind#HEADER_AND_IP}.
	 * @return the header name, or {@code null}
	 */
	public @Nullable String getHeaderName() {
		return this.headerName;
	}

	/**
	 * The policy's limits.
	 * @return the limits
	 */
	public List<Limit> getLimits() {
		return this.limits;
	}

	/**
	 * How many tokens one request takes.
	 * @return the cost
	 */
	public long getCost() {
		return this.cost;
	}

	/**
	 * Whether the policy is checked after authentication, because its key is the
	 * authenticated user.
	 * @return whether it is
	 */
	public boolean isAfterAuthentication() {
		return this.keyKind == KeyKind.USER;
	}

	BucketConfiguration getConfiguration() {
		return this.configuration;
	}

	Duration longestPeriod() {
		return this.limits.stream().map(Limit::period).max(Duration::compareTo).orElse(Duration.ZERO);
	}

	/**
	 * What identifies a client.
	 */
	public enum KeyKind {

		/** The client address from the application's {@code ClientIpResolver}. */
		IP,

		/**
		 * The authenticated principal's name; the client address for anonymous requests.
		 */
		USER,

		/**
		 * The value of a request header; the client address when it is absent. The client
		 * chooses the value, so each new value is a new bucket: use it for values the
		 * application verifies (an API key), or use {@link #HEADER_AND_IP}.
		 */
		HEADER,

		/**
		 * A bucket per value of a request header and a bucket per client address: both
		 * must admit the request, so a client that sends a fresh header value with every
		 * request is still held to the address's limit.
		 */
		HEADER_AND_IP

	}

	/**
	 * One limit: {@code capacity} tokens refilled greedily over {@code period}.
	 *
	 * @param capacity the capacity
	 * @param period the period
	 */
	public record Limit(long capacity, Duration period) {
	}

}
