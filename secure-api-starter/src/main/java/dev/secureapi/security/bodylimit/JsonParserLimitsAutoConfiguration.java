package dev.secureapi.security.bodylimit;

import java.util.List;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration for the JSON parser limits ({@code secure-api.body-limit.json.*}):
 * the application's {@link JsonMapper.Builder}, and so its {@link JsonMapper} and Spring
 * MVC's JSON converter, parse with bounded nesting depth and string, number, name and
 * document lengths. It replaces Spring Boot's builder bean (which backs off) and applies
 * every {@link JsonMapperBuilderCustomizer} the same way, see {@link JsonParserLimits}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass({ JsonMapper.class, JsonMapperBuilderCustomizer.class })
@ConditionalOnBooleanProperty(name = "secure-api.body-limit.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "secure-api.body-limit.json.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BodyLimitProperties.class)
public final class JsonParserLimitsAutoConfiguration {

	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	JsonMapper.Builder jsonMapperBuilder(BodyLimitProperties properties,
			List<JsonMapperBuilderCustomizer> customizers) {
		return JsonParserLimits.builder(properties, customizers);
	}

}
