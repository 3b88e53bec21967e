package dev.secureapi.security.cors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.metrics.RejectedRequestsCounter;
import dev.secureapi.security.metrics.RejectedRequestsMetricsAutoConfiguration;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Auto-configuration for CORS. The allow-list is a {@link CorsConfigurationSource} bean
 * named {@code corsConfigurationSource}, which Spring Security's {@code cors()} picks up,
 * and is applied by a filter of its own before Spring Security, so it also holds for
 * applications without a security filter chain.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { ProblemDetailsAutoConfiguration.class, RejectedRequestsMetricsAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "secure-api.cors.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CorsProperties.class)
public final class CorsAutoConfiguration {

	private static final String CORS_CONFIGURATION_SOURCE = "corsConfigurationSource";

	// by name: Spring MVC's HandlerMappingIntrospector is a CorsConfigurationSource too,
	// and Spring Security
	// looks this one up by its name
	@Bean
	@ConditionalOnMissingBean(name = CORS_CONFIGURATION_SOURCE)
	UrlBasedCorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
		return CorsConfigurations.source(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	CorsWithCredentialsProductionCheck corsWithCredentialsProductionCheck(CorsProperties properties) {
		return new CorsWithCredentialsProductionCheck(properties);
	}

	@Bean
	@ConditionalOnMissingFilterBean(CorsRequestFilter.class)
	FilterRegistrationBean<CorsRequestFilter> corsRequestFilterRegistration(
			@Qualifier(CORS_CONFIGURATION_SOURCE) CorsConfigurationSource source, ProblemResponseWriter problems,
			ObjectProvider<RejectedRequestsCounter> rejections) {
		return SecureApiFilterOrders.registration(
				new CorsRequestFilter(source, problems, rejections.getIfAvailable(RejectedRequestsCounter::noop)),
				SecureApiFilterOrders.CORS);
	}

}
