package dev.secureapi.security.requestid;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.secureapi.security.SecureApiFilterOrders;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RequestIdAutoConfiguration.class));

	@Test
	void theFilterIsRegisteredAtItsOrder() {
		this.runner.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("requestIdFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(RequestIdFilter.class);
			assertThat(registration.getOrder()).isEqualTo(SecureApiFilterOrders.REQUEST_ID);
		});
	}

	@Test
	void anApplicationsOwnRegistrationOfTheFilterUnderAnyNameReplacesTheKits() {
		this.runner.withUserConfiguration(OwnRegistrationConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("requestIdFilterRegistration");
			assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
				.filteredOn((registration) -> registration.getFilter() instanceof RequestIdFilter)
				.singleElement()
				.isSameAs(context.getBean("requestIds"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrationConfiguration {

		@Bean
		FilterRegistrationBean<RequestIdFilter> requestIds() {
			return new FilterRegistrationBean<>(new RequestIdFilter("X-Correlation-Id", false));
		}

	}

}
