package dev.secureapi.security.transport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.production.ProductionFinding;
import dev.secureapi.security.proxy.ProxyAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class TransportAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProxyAutoConfiguration.class, ProblemDetailsAutoConfiguration.class,
				TransportAutoConfiguration.class));

	@Test
	void anApplicationsOwnRegistrationOfTheFilterUnderAnyNameReplacesTheKits() {
		this.runner.withPropertyValues("secure-api.transport.require-https=true")
			.withUserConfiguration(OwnRegistrationConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("httpsRequiredFilterRegistration");
				assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
					.filteredOn((registration) -> registration.getFilter() instanceof HttpsRequiredFilter)
					.singleElement()
					.isSameAs(context.getBean("myOwnHttpsRequiredFilter"));
			});
	}

	@Test
	void byDefaultHttpsIsNotRequiredAndTheCheckReportsIt() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean("httpsRequiredFilterRegistration");
			assertThat(context.getBean(HttpsNotEnforcedProductionCheck.class).check()).extracting(ProductionFinding::id)
				.containsExactly("transport.https-not-enforced");
		});
	}

	@Test
	void requireHttpsRegistersTheFilter() {
		this.runner.withPropertyValues("secure-api.transport.require-https=true").run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("httpsRequiredFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(HttpsRequiredFilter.class);
			assertThat(registration.getOrder()).isEqualTo(SecureApiFilterOrders.TRANSPORT);
			assertThat(context.getBean(HttpsNotEnforcedProductionCheck.class).check()).isEmpty();
		});
	}

	@Test
	void requireHttpsWorksWithoutTheProblemFeature() {
		this.runner.withPropertyValues("secure-api.transport.require-https=true", "secure-api.problem.enabled=false")
			.run((context) -> assertThat(context).hasBean("httpsRequiredFilterRegistration"));
	}

	@Test
	void trustedProxyOrServerTlsSatisfiesTheCheck() {
		this.runner.withPropertyValues("secure-api.proxy.trusted-proxies=10.0.0.0/8")
			.run((context) -> assertThat(context.getBean(HttpsNotEnforcedProductionCheck.class).check()).isEmpty());
		this.runner.withPropertyValues("server.ssl.bundle=web")
			.run((context) -> assertThat(context.getBean(HttpsNotEnforcedProductionCheck.class).check()).isEmpty());
		this.runner.withPropertyValues("server.ssl.bundle=web", "server.ssl.enabled=false")
			.run((context) -> assertThat(context.getBean(HttpsNotEnforcedProductionCheck.class).check()).hasSize(1));
	}

	@Test
	void offSwitchRemovesFilterAndCheck() {
		this.runner.withPropertyValues("secure-api.transport.enabled=false", "secure-api.transport.require-https=true")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("httpsRequiredFilterRegistration");
				assertThat(context).doesNotHaveBean(HttpsNotEnforcedProductionCheck.class);
			});
	}

	@Test
	void userCheckReplacesTheDefaultOne() {
		this.runner.withUserConfiguration(CustomCheck.class).run((context) -> {
			assertThat(context).hasSingleBean(HttpsNotEnforcedProductionCheck.class);
			assertThat(context.getBean(HttpsNotEnforcedProductionCheck.class)).isSameAs(context.getBean("customCheck"));
		});
	}

	@Test
	void outOfRangeHttpsPortFailsStartup() {
		this.runner.withPropertyValues("secure-api.transport.https-port=70000").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("secure-api.transport")
				.hasStackTraceContaining("must be between 1 and 65535");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomCheck {

		@Bean
		HttpsNotEnforcedProductionCheck customCheck(Environment environment) {
			return new HttpsNotEnforcedProductionCheck(new TransportProperties(),
					new dev.secureapi.security.proxy.ProxyProperties(), environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrationConfiguration {

		@Bean
		FilterRegistrationBean<HttpsRequiredFilter> myOwnHttpsRequiredFilter() {
			return new FilterRegistrationBean<>(mock(HttpsRequiredFilter.class));
		}

	}

}
