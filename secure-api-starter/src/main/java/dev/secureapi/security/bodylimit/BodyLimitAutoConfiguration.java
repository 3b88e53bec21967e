package dev.secureapi.security.bodylimit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.metrics.RejectedRequestsCounter;
import dev.secureapi.security.metrics.RejectedRequestsMetricsAutoConfiguration;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Auto-configuration for request body limits. The JSON parser limits of the same feature
 * are applied by {@link JsonParserLimitsAutoConfiguration}, which must run before
 * Jackson's auto-configuration.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { ProblemDetailsAutoConfiguration.class, RejectedRequestsMetricsAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "secure-api.body-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BodyLimitProperties.class)
public final class BodyLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BodyLimits bodyLimits(BodyLimitProperties properties) {
		return new BodyLimits(properties);
	}

	@Bean
	@ConditionalOnMissingFilterBean(BodyLimitFilter.class)
	FilterRegistrationBean<BodyLimitFilter> bodyLimitFilterRegistration(BodyLimits limits,
			ProblemResponseWriter problems, ObjectProvider<RejectedRequestsCounter> rejections) {
		return SecureApiFilterOrders.registration(
				new BodyLimitFilter(limits, problems, rejections.getIfAvailable(RejectedRequestsCounter::noop)),
				SecureApiFilterOrders.BODY_LIMIT);
	}

}
