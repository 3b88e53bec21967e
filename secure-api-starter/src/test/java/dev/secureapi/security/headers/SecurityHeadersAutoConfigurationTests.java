package dev.secureapi.security.headers;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.proxy.ProxyAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class SecurityHeadersAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProxyAutoConfiguration.class, SecurityHeadersAutoConfiguration.class));

	@Test
	void anApplicationsOwnRegistrationOfTheFilterUnderAnyNameReplacesTheKits() {
		this.runner.withUserConfiguration(OwnRegistrationConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("securityHeadersFilterRegistration");
			assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
				.filteredOn((registration) -> registration.getFilter() instanceof SecurityHeadersFilter)
				.singleElement()
				.isSameAs(context.getBean("myOwnSecurityHeadersFilter"));
		});
	}

	@Test
	void defaultsRegisterTheFilterForRequestsAndErrorDispatches() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SecurityHeaders.class);
			FilterRegistrationBean<?> registration = context.getBean("securityHeadersFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getOrder()).isEqualTo(SecureApiFilterOrders.SECURITY_HEADERS);
			assertThat(registration.getFilter()).isInstanceOf(SecurityHeadersFilter.class);
			assertThat(registration.determineDispatcherTypes()).contains(DispatcherType.REQUEST, DispatcherType.ERROR);
			assertThat(context.getBean(SecurityHeaders.class).headersFor(new MockHttpServletRequest(), false))
				.containsEntry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
				.containsEntry("X-Frame-Options", "DENY")
				.containsEntry("Cache-Control", "no-store")
				.doesNotContainKey("Strict-Transport-Security");
		});
	}

	@Test
	void offSwitchRemovesTheFeature() {
		this.runner.withPropertyValues("secure-api.headers.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SecurityHeaders.class);
			assertThat(context).doesNotHaveBean("securityHeadersFilterRegistration");
		});
	}

	@Test
	void userSecurityHeadersReplaceTheDefaultOnes() {
		this.runner.withUserConfiguration(CustomHeaders.class).run((context) -> {
			assertThat(context).hasSingleBean(SecurityHeaders.class);
			assertThat(context.getBean(SecurityHeaders.class)).isSameAs(context.getBean("customHeaders"));
		});
	}

	@Test
	void nonWebApplicationGetsNothing() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SecurityHeadersAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SecurityHeaders.class));
	}

	@Test
	void valuesAndPerPathOverridesBind() {
		this.runner.withPropertyValues("secure-api.headers.referrer-policy=same-origin",
				"secure-api.headers.cross-origin-opener-policy=", "secure-api.headers.hsts.max-age=1d",
				"secure-api.headers.hsts.include-sub-domains=false", "secure-api.headers.paths[0].patterns=/docs/**",
				"secure-api.headers.paths[0].content-security-policy=default-src 'self'",
				"secure-api.headers.paths[0].frame-options=")
			.run((context) -> {
				SecurityHeaders headers = context.getBean(SecurityHeaders.class);
				MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/x");
				assertThat(headers.headersFor(api, true)).containsEntry("Referrer-Policy", "same-origin")
					.containsEntry("Strict-Transport-Security", "max-age=86400")
					.doesNotContainKey("Cross-Origin-Opener-Policy")
					.containsEntry("X-Frame-Options", "DENY");
				MockHttpServletRequest docs = new MockHttpServletRequest("GET", "/docs/index.html");
				assertThat(headers.headersFor(docs, false))
					.containsEntry("Content-Security-Policy", "default-src 'self'")
					.doesNotContainKey("X-Frame-Options")
					.containsEntry("Referrer-Policy", "same-origin");
			});
	}

	@Test
	void negativeHstsMaxAgeFailsStartup() {
		this.runner.withPropertyValues("secure-api.headers.hsts.max-age=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("must not be negative");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("secure-api.headers.hsts")
				.hasStackTraceContaining("max-age");
		});
	}

	@Test
	void preloadWithoutSubdomainsFailsStartupWithExplanation() {
		this.runner
			.withPropertyValues("secure-api.headers.hsts.preload=true",
					"secure-api.headers.hsts.include-sub-domains=false")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
							(ex) -> assertThat(ex.getName()).isEqualTo("secure-api.headers.hsts.preload"))
					.hasMessageContaining("needs secure-api.headers.hsts.include-sub-domains=true");
			});
	}

	@Test
	void pathEntryWithoutPatternsFailsValidation() {
		this.runner.withPropertyValues("secure-api.headers.paths[0].content-security-policy=default-src 'self'")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("paths[0].patterns");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomHeaders {

		@Bean
		SecurityHeaders customHeaders() {
			return new SecurityHeaders(new SecurityHeadersProperties());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrationConfiguration {

		@Bean
		FilterRegistrationBean<SecurityHeadersFilter> myOwnSecurityHeadersFilter() {
			return new FilterRegistrationBean<>(mock(SecurityHeadersFilter.class));
		}

	}

}
