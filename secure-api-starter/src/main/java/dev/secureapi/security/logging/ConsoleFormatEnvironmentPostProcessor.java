package dev.secureapi.security.logging;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Makes the console log masked when the application did not choose a structured format:
 * with no {@code logging.structured.format.console}, it sets one from
 * {@code secure-api.logging.console-format} (ECS JSON by default, or the kit's masked
 * plain text). It runs before the logging system starts, after the application's
 * configuration files are loaded, and adds its value with the lowest precedence, so any
 * setting of the application wins.
 */
class ConsoleFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source holding the format this class sets. */
	static final String PROPERTY_SOURCE_NAME = "secureApiConsoleLogFormat";

	static final String CONSOLE_FORMAT = "logging.structured.format.console";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty(CONSOLE_FORMAT))) {
			return;
		}
		Binder binder = Binder.get(environment);
		ConsoleFormat format;
		try {
			if (!binder.bind(LoggingProperties.PREFIX + ".enabled", Boolean.class).orElse(true)) {
				return;
			}
			format = binder.bind(LoggingProperties.PREFIX + ".console-format", ConsoleFormat.class)
				.orElse(ConsoleFormat.ECS);
		}
		catch (BindException ex) {
			// the context's property binding reports the bad value with its analyzer;
			// until then logs stay masked
			format = ConsoleFormat.ECS;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(CONSOLE_FORMAT, format.structuredFormat())));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
