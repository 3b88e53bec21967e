package dev.secureapi.security.logging;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.secureapi.security.proxy.ProxyAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the access log's filters are registered: the user capture follows Spring
 * Security's chain wherever {@code spring.security.filter.order} puts it, and an
 * application's own registration replaces the kit's.
 */
class AccessLogRegistrationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoggingAutoConfiguration.class, ProxyAutoConfiguration.class));

	@Test
	void theUserCaptureStaysRightAfterSpringSecurityWhenItsOrderChanges() {
		this.contextRunner.withPropertyValues("spring.security.filter.order=1000")
			.run((context) -> assertThat(
					context.getBean("securityContextUserCaptureFilterRegistration", FilterRegistrationBean.class)
						.getOrder())
				.isGreaterThan(1000));
	}

	@Test
	void anApplicationsOwnRegistrationOfTheUserCaptureUnderAnyNameReplacesTheKits() {
		this.contextRunner.withUserConfiguration(OwnRegistrations.class).run((context) -> {
			assertThat(context).doesNotHaveBean("securityContextUserCaptureFilterRegistration");
			assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
				.filteredOn((registration) -> registration.getFilter() instanceof SecurityContextUserCaptureFilter)
				.singleElement()
				.isSameAs(context.getBean("myUserCapture"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrations {

		@Bean
		FilterRegistrationBean<SecurityContextUserCaptureFilter> myUserCapture() {
			return new FilterRegistrationBean<>(new SecurityContextUserCaptureFilter());
		}

	}

}
