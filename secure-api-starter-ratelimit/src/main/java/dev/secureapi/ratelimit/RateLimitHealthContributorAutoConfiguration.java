package dev.secureapi.ratelimit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code rateLimit} health contribution: on when Spring Boot's
 * health module is present, off with {@code management.health.ratelimit.enabled=false},
 * and replaced by an application bean named {@code rateLimitHealthIndicator} or
 * {@code rateLimitHealthContributor}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = RateLimitAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(RateLimitBackend.class)
public final class RateLimitHealthContributorAutoConfiguration {

	// on the method, not the class: the condition's own class is in the health module,
	// which may be absent
	@Bean
	@ConditionalOnEnabledHealthIndicator("ratelimit")
	@ConditionalOnMissingBean(name = { "rateLimitHealthIndicator", "rateLimitHealthContributor" })
	RateLimitBackendHealthIndicator rateLimitHealthIndicator(RateLimitBackend backend, RateLimitProperties properties) {
		return new RateLimitBackendHealthIndicator(backend, properties.isFailOpen());
	}

}
