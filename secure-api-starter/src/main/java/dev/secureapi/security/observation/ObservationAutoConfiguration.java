package dev.secureapi.security.observation;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Auto-configuration that keeps Spring Security from wrapping every filter of its chain,
 * and every authorization decision, in a Micrometer observation once an
 * {@link ObservationRegistry} exists (as soon as actuator is present). With
 * {@link SecurityObservationSettings#shouldObserveRequests()} off, Spring Security does
 * not install its observing filter-chain decorator at all, so the cost is gone, not only
 * the output. Set {@code secure-api.observation.security-filters=true} to get Spring
 * Security's defaults back; a {@link SecurityObservationSettings} bean of the
 * application's own wins either way.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ ObservationRegistry.class, SecurityObservationSettings.class })
@EnableConfigurationProperties(ObservationProperties.class)
public final class ObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = ObservationProperties.PREFIX + ".security-filters", havingValue = false,
			matchIfMissing = true)
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthorizations(false)
			.shouldObserveAuthentications(true)
			.build();
	}

}
