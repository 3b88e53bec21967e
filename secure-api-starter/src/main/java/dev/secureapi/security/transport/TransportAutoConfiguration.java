package dev.secureapi.security.transport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.metrics.RejectedRequestsCounter;
import dev.secureapi.security.metrics.RejectedRequestsMetricsAutoConfiguration;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.problem.ProblemResponseWriter;
import dev.secureapi.security.proxy.ClientIpResolver;
import dev.secureapi.security.proxy.ProxyAutoConfiguration;
import dev.secureapi.security.proxy.ProxyProperties;

/**
 * Auto-configuration for HTTPS enforcement and its production check.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { ProxyAutoConfiguration.class, ProblemDetailsAutoConfiguration.class,
		RejectedRequestsMetricsAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "secure-api.transport.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ TransportProperties.class, ProxyProperties.class })
public final class TransportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HttpsNotEnforcedProductionCheck httpsNotEnforcedProductionCheck(TransportProperties transport,
			ProxyProperties proxy, Environment environment) {
		return new HttpsNotEnforcedProductionCheck(transport, proxy, environment);
	}

	@Bean
	@ConditionalOnBooleanProperty("secure-api.transport.require-https")
	@ConditionalOnMissingFilterBean(HttpsRequiredFilter.class)
	FilterRegistrationBean<HttpsRequiredFilter> httpsRequiredFilterRegistration(ClientIpResolver clientIpResolver,
			ProblemResponseWriter problems, ObjectProvider<RejectedRequestsCounter> rejections,
			TransportProperties properties) {
		return SecureApiFilterOrders.registration(
				new HttpsRequiredFilter(clientIpResolver, problems,
						rejections.getIfAvailable(RejectedRequestsCounter::noop), properties.getHttpsPort()),
				SecureApiFilterOrders.TRANSPORT);
	}

}
