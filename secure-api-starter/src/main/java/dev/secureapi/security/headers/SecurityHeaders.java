package dev.secureapi.security.headers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security headers a response gets: the global values, the first matching per-path
 * change, and Strict-Transport-Security on secure requests only.
 *
 * @since 0.1.0
 */
public class SecurityHeaders {

	static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

	static final String X_FRAME_OPTIONS = "X-Frame-Options";

	static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

	static final String REFERRER_POLICY = "Referrer-Policy";

	static final String PERMISSIONS_POLICY = "Permissions-Policy";

	static final String CROSS_ORIGIN_OPENER_POLICY = "Cross-Origin-Opener-Policy";

	static final String CROSS_ORIGIN_RESOURCE_POLICY = "Cross-Origin-Resource-Policy";

	static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

	/**
	 * Headers never sent: deprecated ({@code X-XSS-Protection}) or naming the server
	 * software.
	 */
	private static final Set<String> NEVER_SENT = Set.of("x-xss-protection", "server", "x-powered-by");

	/** Legacy caching headers that could only contradict the kit's Cache-Control. */
	private static final Set<String> LEGACY_CACHING = Set.of("pragma", "expires");

	private final Map<String, String> defaults;

	private final List<PathChange> paths;

	private final @Nullable String hsts;

	/**
	 * Creates the headers from their settings.
	 * @param properties the settings
	 */
	public SecurityHeaders(SecurityHeadersProperties properties) {
		this.defaults = Collections.unmodifiableMap(values(properties));
		List<PathChange> changes = new ArrayList<>();
		for (SecurityHeadersProperties.PathHeaders path : properties.getPaths()) {
			changes.add(new PathChange(matcher(path.getPatterns()), values(path)));
		}
		this.paths = List.copyOf(changes);
		this.hsts = hsts(properties.getHsts());
	}

	/**
	 * The headers for a request.
	 * @param request the request
	 * @param secure whether it arrived over HTTPS
	 * @return header names and values, names compared ignoring case
	 */
	public Map<String, String> headersFor(HttpServletRequest request, boolean secure) {
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.putAll(this.defaults);
		for (PathChange change : this.paths) {
			if (change.matcher().matches(request)) {
				headers.putAll(change.values());
				break;
			}
		}
		headers.values().removeIf(String::isEmpty);
		if (secure && this.hsts != null) {
			headers.put(STRICT_TRANSPORT_SECURITY, this.hsts);
		}
		return headers;
	}

	/**
	 * The global headers, without per-path changes or Strict-Transport-Security: for
	 * answers written before the request could be parsed (the servlet container's own
	 * refusals), when neither its path nor its transport is known.
	 * @return header names and values, names compared ignoring case
	 */
	public Map<String, String> defaultHeaders() {
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.putAll(this.defaults);
		headers.values().removeIf(String::isEmpty);
		return headers;
	}

	/**
	 * Whether a header written by anyone else must be dropped: the kit sets it on this
	 * response (a header whose value is configured empty is left to the application), it
	 * is Strict-Transport-Security (which only the kit decides, from whether the request
	 * is really secure), or it must never be sent.
	 * @param name the header name
	 * @param effective the headers this response gets, from {@link #headersFor}
	 * @return whether to drop it
	 */
	boolean isBlocked(String name, Map<String, String> effective) {
		String lowerCase = name.toLowerCase(Locale.ROOT);
		return effective.containsKey(name) || STRICT_TRANSPORT_SECURITY.equalsIgnoreCase(name)
				|| NEVER_SENT.contains(lowerCase)
				|| (LEGACY_CACHING.contains(lowerCase) && effective.containsKey(HttpHeaders.CACHE_CONTROL));
	}

	private static Map<String, String> values(SecurityHeadersProperties properties) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put(X_CONTENT_TYPE_OPTIONS, properties.getContentTypeOptions());
		values.put(X_FRAME_OPTIONS, properties.getFrameOptions());
		values.put(CONTENT_SECURITY_POLICY, properties.getContentSecurityPolicy());
		values.put(REFERRER_POLICY, properties.getReferrerPolicy());
		values.put(PERMISSIONS_POLICY, properties.getPermissionsPolicy());
		values.put(CROSS_ORIGIN_OPENER_POLICY, properties.getCrossOriginOpenerPolicy());
		values.put(CROSS_ORIGIN_RESOURCE_POLICY, properties.getCrossOriginResourcePolicy());
		values.put(HttpHeaders.CACHE_CONTROL, properties.getCacheControl());
		values.replaceAll((name, value) -> value.trim());
		return values;
	}

	private static Map<String, String> values(SecurityHeadersProperties.PathHeaders path) {
		Map<String, String> values = new LinkedHashMap<>();
		putIfSet(values, X_CONTENT_TYPE_OPTIONS, path.getContentTypeOptions());
		putIfSet(values, X_FRAME_OPTIONS, path.getFrameOptions());
		putIfSet(values, CONTENT_SECURITY_POLICY, path.getContentSecurityPolicy());
		putIfSet(values, REFERRER_POLICY, path.getReferrerPolicy());
		putIfSet(values, PERMISSIONS_POLICY, path.getPermissionsPolicy());
		putIfSet(values, CROSS_ORIGIN_OPENER_POLICY, path.getCrossOriginOpenerPolicy());
		putIfSet(values, CROSS_ORIGIN_RESOURCE_POLICY, path.getCrossOriginResourcePolicy());
		putIfSet(values, HttpHeaders.CACHE_CONTROL, path.getCacheControl());
		return Collections.unmodifiableMap(values);
	}

	private static void putIfSet(Map<String, String> values, String name, @Nullable String value) {
		if (value != null) {
			values.put(name, value.trim());
		}
	}

	private static @Nullable String hsts(SecurityHeadersProperties.Hsts hsts) {
		if (!hsts.isEnabled()) {
			return null;
		}
		if (hsts.isPreload() && (!hsts.isIncludeSubDomains() || hsts.getMaxAge().toDays() < 365)) {
			throw new InvalidConfigurationPropertyValueException("secure-api.headers.hsts.preload", true,
					"Preloading needs secure-api.headers.hsts.include-sub-domains=true and a max-age of at least 365d "
							+ "(browsers' preload lists refuse anything less).");
		}
		StringBuilder value = new StringBuilder("max-age=").append(hsts.getMaxAge().toSeconds());
		if (hsts.isIncludeSubDomains()) {
			value.append("; includeSubDomains");
		}
		if (hsts.isPreload()) {
			value.append("; preload");
		}
		return value.toString();
	}

	private static RequestMatcher matcher(List<String> patterns) {
		List<RequestMatcher> matchers = new ArrayList<>();
		for (String pattern : patterns) {
			matchers.add(PathPatternRequestMatcher.pathPattern(pattern));
		}
		return new OrRequestMatcher(matchers);
	}

	private record PathChange(RequestMatcher matcher, Map<String, String> values) {
	}

}
