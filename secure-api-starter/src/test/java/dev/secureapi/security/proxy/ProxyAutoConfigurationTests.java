package dev.secureapi.security.proxy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class ProxyAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProxyAutoConfiguration.class));

	@Test
	void anApplicationsOwnRegistrationOfTheFilterUnderAnyNameReplacesTheKits() {
		this.runner.withUserConfiguration(OwnRegistrationConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("trustedProxyFilterRegistration");
			assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
				.filteredOn((registration) -> registration.getFilter() instanceof TrustedProxyFilter)
				.singleElement()
				.isSameAs(context.getBean("myOwnTrustedProxyFilter"));
		});
	}

	@Test
	void trustedProxiesBind() {
		this.runner.withPropertyValues("secure-api.proxy.trusted-proxies=10.0.0.0/8,::1").run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest();
			request.setRemoteAddr("10.1.1.1");
			request.addHeader("X-Forwarded-For", "198.51.100.7");
			assertThat(context.getBean(ClientIpResolver.class).resolve(request)).isEqualTo("198.51.100.7");
			assertThat(context).hasBean("trustedProxyFilterRegistration");
		});
	}

	@Test
	void offSwitchKeepsAResolverThatTrustsNoOne() {
		this.runner.withPropertyValues("secure-api.proxy.enabled=false", "secure-api.proxy.trusted-proxies=10.0.0.0/8")
			.run((context) -> {
				MockHttpServletRequest request = new MockHttpServletRequest();
				request.setRemoteAddr("10.1.1.1");
				request.addHeader("X-Forwarded-For", "198.51.100.7");
				assertThat(context.getBean(ClientIpResolver.class).resolve(request)).isEqualTo("10.1.1.1");
				assertThat(context).doesNotHaveBean("trustedProxyFilterRegistration");
			});
	}

	@Test
	void malformedCidrFailsStartupNamingTheEntry() {
		this.runner.withPropertyValues("secure-api.proxy.trusted-proxies=10.0.0.0/8,not-an-address").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"secure-api.proxy.trusted-proxies entry 'not-an-address' is not an IP address or CIDR range");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrationConfiguration {

		@Bean
		FilterRegistrationBean<TrustedProxyFilter> myOwnTrustedProxyFilter() {
			return new FilterRegistrationBean<>(mock(TrustedProxyFilter.class));
		}

	}

}
