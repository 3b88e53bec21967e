package dev.secureapi.security.logging;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.proxy.ClientIpResolver;
import dev.secureapi.security.proxy.ProxyAutoConfiguration;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for the access log and the logging production checks. Masking of structured log output is
 * not configured here: Spring Boot's logging system creates {@link MaskingJsonMembersCustomizer} before any
 * application context exists, from {@code META-INF/spring.factories}; these properties are bound here so that an
 * invalid setting stops the application with a clear message.
 */
@AutoConfiguration(after = ProxyAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "secure-api.logging.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LoggingProperties.class)
public final class LoggingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LoggingProductionCheck loggingProductionCheck(Environment environment, LoggingProperties properties) {
		return new LoggingProductionCheck(environment, properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBooleanProperty(name = "secure-api.logging.access-log.enabled", matchIfMissing = true)
	static class AccessLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AccessLogFilter accessLogFilter(ObjectProvider<ClientIpResolver> clientIpResolver,
				ObjectProvider<AccessLogUserResolver> userResolver, ObjectProvider<AccessLogWriter> writer,
				LoggingProperties properties) {
			return new AccessLogFilter(clientIpResolver.getIfAvailable(() -> ServletRequest::getRemoteAddr),
					userResolver.getIfAvailable(AccessLogUserResolver::userPrincipal),
					properties.getAccessLog().isIncludeQueryString() ? properties.getMasking().toMasker() : null,
					writer.getIfAvailable());
		}

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "secure-api.logging.access-log.async", matchIfMissing = true)
		AccessLogWriter accessLogWriter(LoggingProperties properties) {
			return new AccessLogWriter(properties.getAccessLog().getQueueCapacity(), AccessLogFilter::write);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
		@ConditionalOnBooleanProperty(name = "secure-api.logging.access-log.async", matchIfMissing = true)
		static class AccessLogMetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			AccessLogMeterBinder accessLogMeterBinder(AccessLogWriter writer) {
				return new AccessLogMeterBinder(writer);
			}

		}

		@Bean
		@ConditionalOnMissingBean(name = "accessLogFilterRegistration")
		FilterRegistrationBean<AccessLogFilter> accessLogFilterRegistration(AccessLogFilter filter) {
			FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(SecureApiFilterOrders.ACCESS_LOG);
			return registration;
		}

		/** A request whose exception reached the container is logged with the error page's status. */
		@Bean
		@ConditionalOnMissingBean(name = "accessLogFinalStatusListenerRegistration")
		ServletListenerRegistrationBean<ServletRequestListener> accessLogFinalStatusListenerRegistration() {
			return new ServletListenerRegistrationBean<>(AccessLogFilter.finalStatusListener());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.springframework.security.core.context.SecurityContextHolder",
				"org.springframework.security.web.context.RequestAttributeSecurityContextRepository" })
		static class SpringSecurityUserConfiguration {

			@Bean
			@ConditionalOnMissingBean(AccessLogUserResolver.class)
			SecurityContextUserResolver accessLogUserResolver() {
				return new SecurityContextUserResolver();
			}

			@Bean
			@ConditionalOnMissingBean(name = "securityContextUserCaptureFilterRegistration")
			FilterRegistrationBean<SecurityContextUserCaptureFilter> securityContextUserCaptureFilterRegistration() {
				FilterRegistrationBean<SecurityContextUserCaptureFilter> registration = new FilterRegistrationBean<>(
						new SecurityContextUserCaptureFilter());
				registration.setOrder(SecureApiFilterOrders.ACCESS_LOG_USER);
				return registration;
			}

		}

	}

}
