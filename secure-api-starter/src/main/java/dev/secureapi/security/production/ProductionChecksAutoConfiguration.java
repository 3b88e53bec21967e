package dev.secureapi.security.production;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for start-up production checks. The checks themselves come from each feature's
 * auto-configuration (and from the application) as {@link ProductionCheck} beans.
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

}
