package dev.secureapi.security.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Turns the CORS settings into Spring's {@link CorsConfiguration}s: one per path entry,
 * then the top-level one for every other path. Each is checked at start-up, so an origin
 * that is not an origin, or "*" with credentials, stops the application with a message
 * naming the property.
 */
final class CorsConfigurations {

	private static final String PREFIX = "secure-api.cors";

	private CorsConfigurations() {
	}

	/**
	 * The configurations by path pattern, in matching order (the last pattern is
	 * {@code /**}).
	 * @param properties the settings
	 * @return the configurations
	 * @throws IllegalStateException if a setting is invalid
	 */
	static Map<String, CorsConfiguration> byPattern(CorsProperties properties) {
		Map<String, CorsConfiguration> configurations = new LinkedHashMap<>();
		List<CorsProperties.PathCors> paths = properties.getPaths();
		for (int i = 0; i < paths.size(); i++) {
			CorsConfiguration configuration = pathConfiguration(properties, paths.get(i), PREFIX + ".paths[" + i + "]");
			paths.get(i).getPatterns().forEach((pattern) -> configurations.putIfAbsent(pattern, configuration));
		}
		configurations.putIfAbsent("/**",
				configuration(properties.getAllowedOrigins(), properties.getAllowedOriginPatterns(),
						properties.getAllowedMethods(), properties.getAllowedHeaders(), properties.getExposedHeaders(),
						properties.isAllowCredentials(), properties.getMaxAge(), PREFIX));
		return configurations;
	}

	/**
	 * A configuration source answering every path: requests on paths without an
	 * allow-list get an empty configuration, which refuses every cross-origin request.
	 * @param properties the settings
	 * @return the source
	 */
	static UrlBasedCorsConfigurationSource source(CorsProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		byPattern(properties).forEach(source::registerCorsConfiguration);
		return source;
	}

	private static CorsConfiguration pathConfiguration(CorsProperties global, CorsProperties.PathCors path,
			String prefix) {
		return configuration(or(path.getAllowedOrigins(), global.getAllowedOrigins()),
				or(path.getAllowedOriginPatterns(), global.getAllowedOriginPatterns()),
				or(path.getAllowedMethods(), global.getAllowedMethods()),
				or(path.getAllowedHeaders(), global.getAllowedHeaders()),
				or(path.getExposedHeaders(), global.getExposedHeaders()),
				or(path.getAllowCredentials(), global.isAllowCredentials()), or(path.getMaxAge(), global.getMaxAge()),
				prefix);
	}

	private static CorsConfiguration configuration(List<String> origins, List<String> originPatterns,
			List<String> methods, List<String> headers, List<String> exposed, boolean credentials, Duration maxAge,
			String prefix) {
		origins.forEach((origin) -> checkOrigin(origin, prefix));
		originPatterns.forEach((pattern) -> checkOriginPattern(pattern, prefix));
		if (credentials && origins.contains(CorsConfiguration.ALL)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".allowed-origins", CorsConfiguration.ALL,
					"It contains \"*\" while " + prefix + ".allow-credentials is true: browsers refuse that "
							+ "combination and it would let any site make credentialed calls. List the origins explicitly.");
		}
		if (maxAge.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-age", maxAge,
					"It must not be negative.");
		}
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(new ArrayList<>(origins));
		configuration.setAllowedOriginPatterns(new ArrayList<>(originPatterns));
		configuration.setAllowedMethods(new ArrayList<>(methods));
		configuration.setAllowedHeaders(new ArrayList<>(headers));
		configuration.setExposedHeaders(new ArrayList<>(exposed));
		configuration.setAllowCredentials(credentials);
		configuration.setMaxAge(maxAge);
		return configuration;
	}

	private static void checkOrigin(String origin, String prefix) {
		if (CorsConfiguration.ALL.equals(origin)) {
			return;
		}
		try {
			URI uri = new URI(origin);
			boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
			boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
			if (http && uri.getHost() != null && bare && uri.getRawQuery() == null && uri.getRawFragment() == null
					&& uri.getRawUserInfo() == null) {
				return;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new InvalidConfigurationPropertyValueException(prefix + ".allowed-origins", origin, "'" + origin
				+ "' is not an origin: write it as scheme://host[:port], for example " + "https://app.example.com");
	}

	private static void checkOriginPattern(String pattern, String prefix) {
		if (!CorsConfiguration.ALL.equals(pattern) && !pattern.contains("://")) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".allowed-origin-patterns", pattern,
					"'" + pattern + "' is not an origin pattern: write it as scheme://host[:port], for example "
							+ "https://*.example.com");
		}
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
