package dev.secureapi.security.requestid;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.secureapi.security.SecureApiFilterOrders;

/**
 * Auto-configuration for request ids.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "secure-api.request-id.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RequestIdProperties.class)
public final class RequestIdAutoConfiguration {

	@Bean
	@ConditionalOnMissingFilterBean(RequestIdFilter.class)
	FilterRegistrationBean<RequestIdFilter> requestIdFilterRegistration(RequestIdProperties properties) {
		return SecureApiFilterOrders.registration(
				new RequestIdFilter(properties.getHeader(), properties.isAcceptIncoming()),
				SecureApiFilterOrders.REQUEST_ID);
	}

	/**
	 * With Micrometer Observation (actuator): the id becomes a tag of the request's trace
	 * span.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.micrometer.observation.ObservationFilter",
			"org.springframework.http.server.observation.ServerRequestObservationContext" })
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestIdObservationFilter requestIdObservationFilter() {
			return new RequestIdObservationFilter();
		}

	}

}
