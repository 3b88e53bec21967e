package dev.secureapi.security.headers;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.proxy.ClientIpResolver;
import dev.secureapi.security.proxy.ProxyAutoConfiguration;

/**
 * Auto-configuration for security headers on every response.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ProxyAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "secure-api.headers.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SecurityHeadersProperties.class)
public final class SecurityHeadersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SecurityHeaders securityHeaders(SecurityHeadersProperties properties) {
		return new SecurityHeaders(properties);
	}

	@Bean
	@ConditionalOnMissingFilterBean(SecurityHeadersFilter.class)
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilterRegistration(SecurityHeaders headers,
			ClientIpResolver clientIpResolver) {
		return SecureApiFilterOrders.registration(new SecurityHeadersFilter(headers, clientIpResolver),
				SecureApiFilterOrders.SECURITY_HEADERS, DispatcherType.REQUEST, DispatcherType.ERROR);
	}

}
