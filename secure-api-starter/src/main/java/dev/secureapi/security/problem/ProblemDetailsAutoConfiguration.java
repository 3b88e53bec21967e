package dev.secureapi.security.problem;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

import dev.secureapi.security.headers.SecurityHeaders;

/**
 * Auto-configuration for problem+json error responses. The {@link ProblemResponseWriter}
 * is always there, so every rejection the kit's filters and the other starters write
 * stays problem+json; {@code secure-api.problem.enabled=false} switches off only the MVC
 * exception handler, the error controller and Tomcat's error report valve, leaving those
 * to Spring Boot.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class },
		after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ProblemDetailsProperties.class)
public final class ProblemDetailsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemResponseWriter problemResponseWriter(ObjectProvider<JsonMapper> mapper,
			ProblemDetailsProperties properties) {
		return new ProblemResponseWriter(mapper.getIfAvailable(JsonMapper::new), properties.getTypeBaseUri());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "secure-api.problem.enabled", matchIfMissing = true)
	static class ErrorResponsesConfiguration {

		@Bean
		@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
		ProblemExceptionHandler problemExceptionHandler(ProblemResponseWriter writer) {
			return new ProblemExceptionHandler(writer);
		}

		@Bean
		@ConditionalOnMissingBean(value = ErrorController.class, search = SearchStrategy.CURRENT)
		ProblemErrorController problemErrorController(ProblemResponseWriter writer) {
			return new ProblemErrorController(writer);
		}

		/**
		 * Requests Tomcat refuses before any filter runs (request line or headers too
		 * large, malformed, invalid characters) are answered by Tomcat's error report
		 * valve; the kit's valve writes them as problem+json.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.apache.catalina.startup.Tomcat",
				"org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory" })
		static class TomcatErrorReportConfiguration {

			@Bean
			@ConditionalOnMissingBean
			ProblemErrorReportValveCustomizer problemErrorReportValveCustomizer(ProblemResponseWriter writer,
					ObjectProvider<SecurityHeaders> securityHeaders, Environment environment) {
				SecurityHeaders headers = securityHeaders.getIfAvailable();
				return new ProblemErrorReportValveCustomizer(writer,
						(headers != null) ? headers.defaultHeaders() : Map.of(),
						environment.getProperty("secure-api.request-id.header", "X-Request-Id"));
			}

		}

	}

}
