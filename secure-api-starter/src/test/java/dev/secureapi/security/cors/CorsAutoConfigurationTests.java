package dev.secureapi.security.cors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.production.ProductionFinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class CorsAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class, CorsAutoConfiguration.class));

	@Test
	void anApplicationsOwnRegistrationOfTheFilterUnderAnyNameReplacesTheKits() {
		this.runner.withUserConfiguration(OwnRegistrationConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("corsRequestFilterRegistration");
			assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
				.filteredOn((registration) -> registration.getFilter() instanceof CorsRequestFilter)
				.singleElement()
				.isSameAs(context.getBean("myOwnCorsRequestFilter"));
		});
	}

	@Test
	void byDefaultNoOriginIsAllowedAnywhere() {
		this.runner.run((context) -> {
			CorsConfiguration configuration = configurationFor(
					context.getBean("corsConfigurationSource", CorsConfigurationSource.class), "/api/users");
			assertThat(configuration).isNotNull();
			assertThat(configuration.checkOrigin("https://app.example.com")).isNull();
			FilterRegistrationBean<?> registration = context.getBean("corsRequestFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(CorsRequestFilter.class);
			assertThat(registration.getOrder()).isEqualTo(SecureApiFilterOrders.CORS);
			assertThat(context.getBean(CorsWithCredentialsProductionCheck.class).check()).isEmpty();
		});
	}

	@Test
	void allowListAndPathEntriesBind() {
		this.runner
			.withPropertyValues("secure-api.cors.allowed-origins=https://app.example.com",
					"secure-api.cors.max-age=10m", "secure-api.cors.paths[0].patterns=/public/**",
					"secure-api.cors.paths[0].allowed-origins=*", "secure-api.cors.paths[0].allowed-methods=GET")
			.run((context) -> {
				CorsConfigurationSource source = context.getBean("corsConfigurationSource",
						CorsConfigurationSource.class);
				CorsConfiguration api = configurationFor(source, "/api/users");
				assertThat(api.checkOrigin("https://app.example.com")).isEqualTo("https://app.example.com");
				assertThat(api.checkOrigin("https://evil.example")).isNull();
				assertThat(api.getMaxAge()).isEqualTo(600);
				CorsConfiguration open = configurationFor(source, "/public/feed");
				assertThat(open.checkOrigin("https://anyone.example")).isEqualTo("*");
				assertThat(open.getAllowedMethods()).containsExactly("GET");
				assertThat(open.getMaxAge()).isEqualTo(600);
			});
	}

	@Test
	void offSwitchRemovesSourceAndFilter() {
		this.runner.withPropertyValues("secure-api.cors.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("corsConfigurationSource");
			assertThat(context).doesNotHaveBean("corsRequestFilterRegistration");
		});
	}

	@Test
	void userSourceIsUsedByTheFilter() {
		this.runner.withUserConfiguration(CustomSource.class).run((context) -> {
			assertThat(context.getBean("corsConfigurationSource")).isSameAs(CustomSource.SOURCE);
			assertThat(context).hasBean("corsRequestFilterRegistration");
		});
	}

	@Test
	void originWithoutSchemeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("secure-api.cors.allowed-origins=app.example.com").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("secure-api.cors.allowed-origins"))
				.hasMessageContaining("'app.example.com' is not an origin");
		});
	}

	@Test
	void originWithPathFailsStartup() {
		this.runner.withPropertyValues("secure-api.cors.allowed-origins=https://app.example.com/app")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void wildcardOriginWithCredentialsFailsStartupWithExplanation() {
		this.runner.withPropertyValues("secure-api.cors.allowed-origins=*", "secure-api.cors.allow-credentials=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
							(ex) -> assertThat(ex.getName()).isEqualTo("secure-api.cors.allowed-origins"))
					.hasMessageContaining("contains \"*\"")
					.hasMessageContaining("secure-api.cors.allow-credentials is true");
			});
	}

	@Test
	void wildcardOriginPatternWithCredentialsIsAProductionFinding() {
		this.runner
			.withPropertyValues("secure-api.cors.allowed-origin-patterns=https://*.example.com",
					"secure-api.cors.allow-credentials=true")
			.run((context) -> assertThat(context.getBean(CorsWithCredentialsProductionCheck.class).check())
				.extracting(ProductionFinding::id)
				.containsExactly("cors.wildcard-origin-with-credentials"));
	}

	@Test
	void negativeMaxAgeFailsStartup() {
		this.runner.withPropertyValues("secure-api.cors.max-age=-5s").run((context) -> assertThat(context).hasFailed());
	}

	private static CorsConfiguration configurationFor(CorsConfigurationSource source, String path) {
		return source.getCorsConfiguration(new MockHttpServletRequest("GET", path));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomSource {

		static final UrlBasedCorsConfigurationSource SOURCE = new UrlBasedCorsConfigurationSource();

		@Bean
		UrlBasedCorsConfigurationSource corsConfigurationSource() {
			return SOURCE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrationConfiguration {

		@Bean
		FilterRegistrationBean<CorsRequestFilter> myOwnCorsRequestFilter() {
			return new FilterRegistrationBean<>(mock(CorsRequestFilter.class));
		}

	}

}
