package dev.secureapi.security.proxy;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.secureapi.security.SecureApiFilterOrders;

/**
 * Auto-configuration for client identity behind trusted proxies. The
 * {@link ClientIpResolver} exists even when the feature is switched off; it then ignores
 * every forwarded header.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ProxyProperties.class)
public final class ProxyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ClientIpResolver.class)
	TrustedProxyClientIpResolver clientIpResolver(ProxyProperties properties) {
		return new TrustedProxyClientIpResolver(properties.isEnabled() ? properties.getTrustedProxies() : List.of(),
				properties.getForwardedHeaders(), properties.getForHeader(), properties.getProtoHeader());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "secure-api.proxy.enabled", matchIfMissing = true)
	@ConditionalOnMissingFilterBean(TrustedProxyFilter.class)
	@ConditionalOnBean(TrustedProxyClientIpResolver.class)
	FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilterRegistration(TrustedProxyClientIpResolver resolver) {
		return SecureApiFilterOrders.registration(new TrustedProxyFilter(resolver),
				SecureApiFilterOrders.FORWARDED_HEADERS);
	}

	@Bean
	@ConditionalOnMissingBean
	ForwardHeadersStrategyProductionCheck forwardHeadersStrategyProductionCheck(ProxyProperties properties,
			Environment environment) {
		return new ForwardHeadersStrategyProductionCheck(properties, environment);
	}

}
