package dev.secureapi.ratelimit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies the policies named by {@link RateLimited} on a handler method or its
 * controller.
 */
class RateLimitedInterceptor implements HandlerInterceptor {

	private final RateLimiter rateLimiter;

	private final RateLimitResponses responses;

	/**
	 * The policy names of each handler method, looked up once: annotation search is
	 * costly per request.
	 */
	private final Map<HandlerKey, List<String>> namesByHandler = new ConcurrentHashMap<>();

	/**
	 * Creates an interceptor.
	 * @param rateLimiter the rate limiter
	 * @param responses the response writer
	 */
	RateLimitedInterceptor(RateLimiter rateLimiter, RateLimitResponses responses) {
		this.rateLimiter = rateLimiter;
		this.responses = responses;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		List<String> names = this.namesByHandler
			.computeIfAbsent(new HandlerKey(method.getBeanType(), method.getMethod()), (key) -> names(method));
		if (names.isEmpty()) {
			return true;
		}
		List<RateLimitPolicy> policies = policies(names, request);
		if (policies.isEmpty()) {
			return true;
		}
		return this.responses.apply(this.rateLimiter.check(request, policies), request, response);
	}

	private List<RateLimitPolicy> policies(List<String> names, HttpServletRequest request) {
		List<RateLimitPolicy> policies = new ArrayList<>(1);
		for (String name : names) {
			RateLimitPolicy policy = this.rateLimiter.getPolicy(name);
			// a policy that already matched by path was checked by the filter; checking
			// it again would charge twice
			if (policy != null && policy.matchesMethod(request) && !policy.matches(request)) {
				policies.add(policy);
			}
		}
		return policies;
	}

	static List<String> names(HandlerMethod method) {
		List<String> names = new ArrayList<>(1);
		RateLimited onType = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RateLimited.class);
		RateLimited onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RateLimited.class);
		for (RateLimited annotation : new RateLimited[] { onType, onMethod }) {
			if (annotation != null) {
				names.addAll(List.of(annotation.value()));
			}
		}
		return List.copyOf(names);
	}

	private record HandlerKey(Class<?> beanType, Method method) {
	}

}
