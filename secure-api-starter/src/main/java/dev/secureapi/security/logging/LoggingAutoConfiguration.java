package dev.secureapi.security.logging;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.proxy.ClientIpResolver;
import dev.secureapi.security.proxy.ProxyAutoConfiguration;

/**
 * Auto-configuration for the access log and the logging production checks. Masking of
 * structured log output is not configured here: Spring Boot's logging system creates
 * {@link MaskingJsonMembersCustomizer} before any application context exists, from
 * {@code META-INF/spring.factories}; these properties are bound here so that an invalid
 * setting stops the application with a clear message.
 *
 * @since 0.1.0
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
	@ConditionalOnClass(name = { "ch.qos.logback.classic.LoggerContext",
			"org.springframework.boot.logging.logback.StructuredLogEncoder" })
	static class LogbackEncoderConfiguration {

		/**
		 * Encodes structured log lines with one string encoding per line (see
		 * {@link StringFormattingEncoder}).
		 * @return the callback that replaces the encoders once the context's singletons
		 * exist
		 */
		@Bean
		static SmartInitializingSingleton structuredLogStringEncoding() {
			return StringFormattingEncoder::install;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBooleanProperty(name = "secure-api.logging.access-log.enabled", matchIfMissing = true)
	static class AccessLogConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(AccessLogFilter.class)
		FilterRegistrationBean<AccessLogFilter> accessLogFilterRegistration(
				ObjectProvider<ClientIpResolver> clientIpResolver, ObjectProvider<AccessLogUserResolver> userResolver,
				ObjectProvider<AccessLogWriter> writer, LoggingProperties properties) {
			AccessLogFilter filter = new AccessLogFilter(
					clientIpResolver.getIfAvailable(() -> ServletRequest::getRemoteAddr),
					userResolver.getIfAvailable(AccessLogUserResolver::userPrincipal),
					properties.getAccessLog().isIncludeQueryString() ? properties.getMasking().toMasker() : null,
					writer.getIfAvailable());
			return SecureApiFilterOrders.registration(filter, SecureApiFilterOrders.ACCESS_LOG);
		}

		/**
		 * A request whose exception reached the container is logged with the error page's
		 * status.
		 * @return the listener's registration
		 */
		@Bean
		@ConditionalOnMissingBean(name = "accessLogFinalStatusListenerRegistration")
		ServletListenerRegistrationBean<ServletRequestListener> accessLogFinalStatusListenerRegistration() {
			return new ServletListenerRegistrationBean<>(AccessLogFilter.finalStatusListener());
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
			@ConditionalOnMissingFilterBean(SecurityContextUserCaptureFilter.class)
			FilterRegistrationBean<SecurityContextUserCaptureFilter> securityContextUserCaptureFilterRegistration(
					Environment environment) {
				return SecureApiFilterOrders.registration(new SecurityContextUserCaptureFilter(),
						SecureApiFilterOrders.accessLogUser(environment));
			}

		}

	}

}
