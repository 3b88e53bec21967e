package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
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
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.problem.ProblemResponseWriter;
import dev.secureapi.security.proxy.ClientIpResolver;
import dev.secureapi.security.proxy.ProxyAutoConfiguration;
import dev.secureapi.security.proxy.TrustedProxyClientIpResolver;

/**
 * Auto-configuration for rate limiting and the login guard. The backend is Redis when the
 * application has a Lettuce {@code RedisConnectionFactory} (or
 * {@code secure-api.rate-limit.backend=redis}), otherwise a bounded in-memory cache.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { ProblemDetailsAutoConfiguration.class, ProxyAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = "secure-api.rate-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RateLimitProperties.class)
@Import({ RateLimitBackendConfigurations.Redis.class, RateLimitBackendConfigurations.Local.class })
public final class RateLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RateLimiter rateLimiter(RateLimitProperties properties, RateLimitBackend backend,
			ObjectProvider<RateLimitKeyResolver> keyResolvers, ObjectProvider<ClientIpResolver> clientIpResolver,
			ObjectProvider<RateLimitRecorder> recorder) {
		return new RateLimiter(policies(properties), backend, keyResolvers.orderedStream().toList(),
				clientIpResolver(clientIpResolver), recorder.getIfAvailable(() -> RateLimitRecorder.NONE),
				properties.isFailOpen(), properties.getIpv6PrefixLength());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "secure-api.rate-limit.login.enabled", matchIfMissing = true)
	LoginAttemptGuard loginAttemptGuard(RateLimitProperties properties, RateLimitBackend backend,
			ObjectProvider<ClientIpResolver> clientIpResolver, ObjectProvider<RateLimitRecorder> recorder,
			ObjectProvider<LoginUsernameNormalizer> normalizer) {
		return new LoginAttemptGuard(backend, clientIpResolver(clientIpResolver),
				recorder.getIfAvailable(() -> RateLimitRecorder.NONE), properties.getLogin(),
				normalizer.getIfAvailable(LoginUsernameNormalizer::nfkcLowerCase), properties.getIpv6PrefixLength());
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitProductionCheck rateLimitProductionCheck(RateLimitProperties properties, RateLimitBackend backend) {
		return new RateLimitProductionCheck(properties, backend);
	}

	static List<RateLimitPolicy> policies(RateLimitProperties properties) {
		List<RateLimitPolicy> policies = properties.getPolicies().stream().map(RateLimitPolicy::of).toList();
		long distinctNames = policies.stream().map(RateLimitPolicy::getName).distinct().count();
		if (distinctNames != policies.size()) {
			throw new RateLimitConfigurationException("Two rate-limit policies have the same name",
					"Give every entry of secure-api.rate-limit.policies its own name.");
		}
		return policies;
	}

	/**
	 * How long an idle local bucket is kept: past its longest period it is full again, so
	 * nothing is lost.
	 * @param properties the rate-limit properties
	 * @return the idle expiry
	 */
	static Duration idleExpiry(RateLimitProperties properties) {
		return Stream
			.concat(policies(properties).stream().map(RateLimitPolicy::longestPeriod),
					Stream.of(properties.getLogin().getWindow()))
			.max(Duration::compareTo)
			.orElseThrow();
	}

	private static ClientIpResolver clientIpResolver(ObjectProvider<ClientIpResolver> resolver) {
		// outside a web application (no ProxyAutoConfiguration) the peer address is all
		// there is
		return resolver
			.getIfAvailable(() -> new TrustedProxyClientIpResolver(List.of(), "X-Forwarded-For", "X-Forwarded-Proto"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MicrometerConfiguration {

		@Bean
		@ConditionalOnMissingBean(RateLimitRecorder.class)
		MicrometerRateLimitRecorder micrometerRateLimitRecorder(ObjectProvider<MeterRegistry> registry) {
			return new MicrometerRateLimitRecorder(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimitResponses rateLimitResponses(ProblemResponseWriter problems, RateLimitProperties properties) {
			return new RateLimitResponses(problems, properties.isExposeHeaders());
		}

		@Bean
		@ConditionalOnMissingBean
		RateLimitedInterceptor rateLimitedInterceptor(RateLimiter rateLimiter, RateLimitResponses responses) {
			return new RateLimitedInterceptor(rateLimiter, responses);
		}

		@Bean
		WebMvcConfigurer rateLimitedWebMvcConfigurer(RateLimitedInterceptor interceptor) {
			return new WebMvcConfigurer() {
				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(interceptor);
				}
			};
		}

		/**
		 * The two filters, one on each side of Spring Security's chain, at orders
		 * computed from {@code spring.security.filter.order}. Both back off together when
		 * the application registers a {@link RateLimitFilter} itself, under whatever bean
		 * name.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingFilterBean(RateLimitFilter.class)
		static class FilterConfiguration {

			@Bean
			FilterRegistrationBean<RateLimitFilter> rateLimitFilterBeforeAuthentication(RateLimiter rateLimiter,
					RateLimitResponses responses, Environment environment) {
				return SecureApiFilterOrders.registration(new RateLimitFilter(rateLimiter, responses, false),
						SecureApiFilterOrders.rateLimitBeforeAuthentication(environment));
			}

			@Bean
			FilterRegistrationBean<RateLimitFilter> rateLimitFilterAfterAuthentication(RateLimiter rateLimiter,
					RateLimitResponses responses, Environment environment) {
				return SecureApiFilterOrders.registration(new RateLimitFilter(rateLimiter, responses, true),
						SecureApiFilterOrders.rateLimitAfterAuthentication(environment));
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		RateLimitsEndpoint rateLimitsEndpoint(RateLimiter rateLimiter) {
			return new RateLimitsEndpoint(rateLimiter);
		}

	}

}
