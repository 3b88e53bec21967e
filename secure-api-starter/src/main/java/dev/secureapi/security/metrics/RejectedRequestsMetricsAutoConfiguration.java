package dev.secureapi.security.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the rejected-requests counter. There is always a
 * {@link RejectedRequestsCounter} bean for filters to report to: backed by Micrometer
 * when a {@link MeterRegistry} bean exists (and {@code secure-api.metrics.enabled} is not
 * false), a no-op otherwise.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@EnableConfigurationProperties(RejectedRequestsMetricsProperties.class)
public final class RejectedRequestsMetricsAutoConfiguration {

	// bean methods are processed after member classes, so this no-op only exists when
	// Micrometer's does not
	@Bean
	@ConditionalOnMissingBean(RejectedRequestsCounter.class)
	RejectedRequestsCounter rejectedRequestsCounter() {
		return RejectedRequestsCounter.noop();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnBooleanProperty(name = "secure-api.metrics.enabled", matchIfMissing = true)
	static class MicrometerCounterConfiguration {

		@Bean
		@ConditionalOnMissingBean(RejectedRequestsCounter.class)
		MicrometerRejectedRequestsCounter micrometerRejectedRequestsCounter(MeterRegistry registry) {
			return new MicrometerRejectedRequestsCounter(registry);
		}

	}

}
