package dev.secureapi.security.bodylimit;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The body limit of each request: the first path entry that matches, else the global
 * limit.
 */
class BodyLimits {

	private final long defaultLimit;

	private final List<PathLimit> paths;

	/**
	 * Creates the limits from their settings.
	 * @param properties the settings
	 */
	BodyLimits(BodyLimitProperties properties) {
		this.defaultLimit = properties.getMaxSize().toBytes();
		List<PathLimit> limits = new ArrayList<>();
		for (BodyLimitProperties.PathLimit path : properties.getPaths()) {
			limits.add(new PathLimit(matcher(path), path.getMaxSize().toBytes()));
		}
		this.paths = List.copyOf(limits);
	}

	/**
	 * The largest body the request may have.
	 * @param request the request
	 * @return the limit in bytes
	 */
	long limitFor(HttpServletRequest request) {
		for (PathLimit path : this.paths) {
			if (path.matcher().matches(request)) {
				return path.maxSize();
			}
		}
		return this.defaultLimit;
	}

	private static RequestMatcher matcher(BodyLimitProperties.PathLimit path) {
		List<RequestMatcher> matchers = new ArrayList<>();
		for (String pattern : path.getPatterns()) {
			if (path.getMethods().isEmpty()) {
				matchers.add(PathPatternRequestMatcher.pathPattern(pattern));
			}
			for (HttpMethod method : path.getMethods()) {
				matchers.add(PathPatternRequestMatcher.pathPattern(method, pattern));
			}
		}
		return new OrRequestMatcher(matchers);
	}

	private record PathLimit(RequestMatcher matcher, long maxSize) {
	}

}
