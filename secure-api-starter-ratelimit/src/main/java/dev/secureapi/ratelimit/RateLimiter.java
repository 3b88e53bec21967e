package dev.secureapi.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.secureapi.ratelimit.RateLimitRecorder.Outcome;
import dev.secureapi.security.proxy.ClientIpResolver;

/**
 * Checks requests against the configured policies: finds the policies that apply,
 * resolves each one's key and takes the policy's cost from the key's bucket.
 *
 * @since 0.1.0
 */
public class RateLimiter {

	private static final int MAX_HEADER_KEY_LENGTH = 128;

	private final List<RateLimitPolicy> policies;

	private final Map<String, RateLimitPolicy> policiesByName;

	private final RateLimitBackend backend;

	private final List<RateLimitKeyResolver> keyResolvers;

	private final ClientIpResolver clientIpResolver;

	private final RateLimitRecorder recorder;

	private final boolean failOpen;

	private final int ipv6PrefixLength;

	/**
	 * Creates a rate limiter.
	 * @param policies the policies, in order
	 * @param backend where buckets are kept
	 * @param keyResolvers custom key resolvers, asked in order before the built-in keys
	 * @param clientIpResolver the application's client address resolver
	 * @param recorder where outcomes are recorded
	 * @param failOpen whether requests are admitted when the backend fails
	 */
	public RateLimiter(List<RateLimitPolicy> policies, RateLimitBackend backend,
			List<RateLimitKeyResolver> keyResolvers, ClientIpResolver clientIpResolver, RateLimitRecorder recorder,
			boolean failOpen) {
		this(policies, backend, keyResolvers, clientIpResolver, recorder, failOpen, 64);
	}

	/**
	 * Creates a rate limiter.
	 * @param policies the policies, in order
	 * @param backend where buckets are kept
	 * @param keyResolvers custom key resolvers, asked in order before the built-in keys
	 * @param clientIpResolver the application's client address resolver
	 * @param recorder where outcomes are recorded
	 * @param failOpen whether requests are admitted when the backend fails
	 * @param ipv6PrefixLength the network prefix an IPv6 client is keyed by
	 */
	public RateLimiter(List<RateLimitPolicy> policies, RateLimitBackend backend,
			List<RateLimitKeyResolver> keyResolvers, ClientIpResolver clientIpResolver, RateLimitRecorder recorder,
			boolean failOpen, int ipv6PrefixLength) {
		this.policies = List.copyOf(policies);
		this.policiesByName = policies.stream()
			.collect(Collectors.toUnmodifiableMap(RateLimitPolicy::getName, Function.identity()));
		this.backend = backend;
		this.keyResolvers = List.copyOf(keyResolvers);
		this.clientIpResolver = clientIpResolver;
		this.recorder = recorder;
		this.failOpen = failOpen;
		this.ipv6PrefixLength = ipv6PrefixLength;
	}

	/**
	 * The configured policies.
	 * @return the policies, in order
	 */
	public List<RateLimitPolicy> getPolicies() {
		return this.policies;
	}

	/**
	 * The policy of the given name.
	 * @param name the name
	 * @return the policy, or {@code null} when there is none
	 */
	public @Nullable RateLimitPolicy getPolicy(String name) {
		return this.policiesByName.get(name);
	}

	/**
	 * The policies that apply to a request by path and method, in one phase.
	 * @param request the request
	 * @param afterAuthentication {@code true} for the policies keyed by user,
	 * {@code false} for the others
	 * @return the matching policies
	 */
	public List<RateLimitPolicy> matching(HttpServletRequest request, boolean afterAuthentication) {
		List<RateLimitPolicy> matching = new ArrayList<>(2);
		@Nullable PathContainer path = null;
		for (RateLimitPolicy policy : this.policies) {
			if (policy.isAfterAuthentication() == afterAuthentication && policy.matchesMethod(request)) {
				if (path == null) {
					path = RateLimitPolicy.pathWithinApplication(request);
				}
				if (policy.matchesPath(path)) {
					matching.add(policy);
				}
			}
		}
		return matching;
	}

	/**
	 * Checks a request against policies, taking each policy's cost from the client's
	 * bucket.
	 * @param request the request
	 * @param policies the policies to check
	 * @return the decision
	 */
	public RateLimitDecision check(HttpServletRequest request, Collection<RateLimitPolicy> policies) {
		List<RateLimitDecision.Result> results = new ArrayList<>(policies.size());
		for (RateLimitPolicy policy : policies) {
			results.add(check(request, policy));
		}
		return new RateLimitDecision(results);
	}

	private RateLimitDecision.Result check(HttpServletRequest request, RateLimitPolicy policy) {
		String key = resolveKey(policy, request);
		try {
			ConsumptionProbe probe = consume(policy, key);
			if (policy.getKeyKind() == RateLimitPolicy.KeyKind.HEADER_AND_IP && key.startsWith("header:")) {
				// the address's own bucket holds a client that rotates header values to
				// its limit
				ConsumptionProbe ip = consume(policy, ipKey(request));
				probe = moreRestrictive(ip, probe);
			}
			this.recorder.record(policy.getName(), probe.isConsumed() ? Outcome.ALLOWED : Outcome.REJECTED);
			return new RateLimitDecision.Result(policy, probe, false);
		}
		catch (RateLimitBackendException ex) {
			this.recorder.record(policy.getName(), Outcome.BACKEND_ERROR);
			return new RateLimitDecision.Result(policy, null, !this.failOpen);
		}
	}

	private ConsumptionProbe consume(RateLimitPolicy policy, String key) {
		return this.backend.execute(policy.getName() + ":" + key, policy::getConfiguration,
				(bucket) -> bucket.tryConsumeAndReturnRemaining(policy.getCost()));
	}

	private static ConsumptionProbe moreRestrictive(ConsumptionProbe first, ConsumptionProbe second) {
		if (!first.isConsumed()) {
			return first;
		}
		if (!second.isConsumed()) {
			return second;
		}
		return (first.getRemainingTokens() <= second.getRemainingTokens()) ? first : second;
	}

	String resolveKey(RateLimitPolicy policy, HttpServletRequest request) {
		for (RateLimitKeyResolver resolver : this.keyResolvers) {
			String key = resolver.resolve(policy, request);
			if (key != null) {
				return "custom:" + key;
			}
		}
		return switch (policy.getKeyKind()) {
			case IP -> ipKey(request);
			case USER -> userKey(request);
			case HEADER, HEADER_AND_IP -> headerKey(request, policy.getHeaderName());
		};
	}

	private String ipKey(HttpServletRequest request) {
		return "ip:" + ClientAddressKeys.of(this.clientIpResolver.resolve(request), this.ipv6PrefixLength);
	}

	private String userKey(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return ipKey(request);
		}
		return "user:" + boundedKey(authentication.getName());
	}

	private String headerKey(HttpServletRequest request, @Nullable String headerName) {
		String value = (headerName != null) ? request.getHeader(headerName) : null;
		if (value == null || value.isEmpty()) {
			return ipKey(request);
		}
		return "header:" + boundedKey(value);
	}

	/**
	 * Keeps client-chosen key material to a bounded size, so a huge value cannot bloat
	 * the backend's key space.
	 * @param value the header's value
	 * @return the value, or its digest when it is longer than the bound
	 */
	private static String boundedKey(String value) {
		if (value.length() <= MAX_HEADER_KEY_LENGTH) {
			return value;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
