package dev.secureapi.security.production;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for start-up production checks. The checks themselves come from each
 * feature's auto-configuration (and from the application) as {@link ProductionCheck}
 * beans.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@EnableConfigurationProperties(ProductionChecksProperties.class)
public final class ProductionChecksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProductionChecksRunner productionChecksRunner(ObjectProvider<ProductionCheck> checks,
			ProductionChecksProperties properties) {
		return new ProductionChecksRunner(checks, properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	static class ActuatorChecksConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ActuatorExposureProductionCheck actuatorExposureProductionCheck(Environment environment) {
			return new ActuatorExposureProductionCheck(environment);
		}

	}

}
