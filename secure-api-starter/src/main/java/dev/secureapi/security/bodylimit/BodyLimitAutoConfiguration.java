package dev.secureapi.security.bodylimit;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.metrics.RejectedRequestsCounter;
import dev.secureapi.security.metrics.RejectedRequestsMetricsAutoConfiguration;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.problem.ProblemResponseWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for request body limits. The JSON parser limits of the same feature are applied by
 * {@link JsonParserLimitsAutoConfiguration}, which must run before Jackson's auto-configuration.
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
	@ConditionalOnMissingBean(name = "bodyLimitFilterRegistration")
	FilterRegistrationBean<BodyLimitFilter> bodyLimitFilterRegistration(BodyLimits limits,
			ObjectProvider<ProblemResponseWriter> problems, ObjectProvider<RejectedRequestsCounter> rejections) {
		FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(limits,
				problems.getIfAvailable(() -> new ProblemResponseWriter(new JsonMapper(), null)),
				rejections.getIfAvailable(RejectedRequestsCounter::noop)));
		registration.setOrder(SecureApiFilterOrders.BODY_LIMIT);
		return registration;
	}

}
