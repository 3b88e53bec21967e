package dev.secureapi.security.logging;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.production.ProductionFinding;
import dev.secureapi.security.proxy.ProxyAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoggingAutoConfiguration.class, ProxyAutoConfiguration.class));

	@Test
	void accessLogFilterIsRegisteredAtItsOrderWithTheSpringSecurityUserCapture() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LoggingProductionCheck.class)
				.getBean(AccessLogUserResolver.class)
				.isInstanceOf(SecurityContextUserResolver.class);
			FilterRegistrationBean<?> accessLog = context.getBean("accessLogFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(accessLog.getFilter()).isInstanceOf(AccessLogFilter.class);
			assertThat(accessLog.getOrder()).isEqualTo(SecureApiFilterOrders.ACCESS_LOG);
			FilterRegistrationBean<?> capture = context.getBean("securityContextUserCaptureFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(capture.getFilter()).isInstanceOf(SecurityContextUserCaptureFilter.class);
			assertThat(capture.getOrder()).isEqualTo(SecureApiFilterOrders.ACCESS_LOG_USER)
				.isGreaterThan(SecureApiFilterOrders.SPRING_SECURITY);
		});
	}

	@Test
	void accessLogIsWrittenInTheBackgroundWithItsDropsCountedUnlessSwitchedToSynchronous() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(AccessLogWriter.class)
			.hasSingleBean(AccessLogMeterBinder.class));
		this.contextRunner.withPropertyValues("secure-api.logging.access-log.async=false").run((context) -> {
			assertThat(context).hasBean("accessLogFilterRegistration")
				.doesNotHaveBean(AccessLogWriter.class)
				.doesNotHaveBean(AccessLogMeterBinder.class);
			try (AccessLogCapture capture = new AccessLogCapture()) {
				accessLogFilter(context).doFilter(new MockHttpServletRequest("GET", "/x"),
						new MockHttpServletResponse(), new MockFilterChain());
				assertThat(capture.single().getThreadName()).isEqualTo(Thread.currentThread().getName());
			}
		});
	}

	@Test
	void accessLogCanBeSwitchedOffAlone() {
		this.contextRunner.withPropertyValues("secure-api.logging.access-log.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("accessLogFilterRegistration")
				.doesNotHaveBean("securityContextUserCaptureFilterRegistration")
				.hasSingleBean(LoggingProductionCheck.class));
	}

	@Test
	void wholeFeatureCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("secure-api.logging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("accessLogFilterRegistration")
				.doesNotHaveBean(LoggingProductionCheck.class)
				.doesNotHaveBean(LoggingProperties.class));
	}

	@Test
	void anApplicationsOwnRegistrationOfTheFilterUnderAnyNameReplacesTheKits() {
		this.contextRunner.withUserConfiguration(CustomAccessLogFilterConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("accessLogFilterRegistration");
			assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
				.filteredOn((registration) -> registration.getFilter() instanceof AccessLogFilter)
				.singleElement()
				.isSameAs(context.getBean("myAccessLog"));
		});
	}

	@Test
	void applicationUserResolverIsUsed() {
		this.contextRunner.withUserConfiguration(CustomUserResolverConfiguration.class).run((context) -> {
			assertThat(context).getBean(AccessLogUserResolver.class).isSameAs(context.getBean("customUserResolver"));
			try (AccessLogCapture capture = new AccessLogCapture()) {
				accessLogFilter(context).doFilter(new MockHttpServletRequest("GET", "/x"),
						new MockHttpServletResponse(), new MockFilterChain());
				assertThat(AccessLogCapture.fields(capture.single())).containsEntry("user", "service-account");
			}
		});
	}

	@Test
	void accessLogWorksWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security")).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasBean("accessLogFilterRegistration")
				.doesNotHaveBean(SecurityContextUserResolver.class)
				.doesNotHaveBean("securityContextUserCaptureFilterRegistration");
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/things");
			request.setRemoteAddr("198.51.100.4");
			request.setUserPrincipal(() -> "container-user");
			try (AccessLogCapture capture = new AccessLogCapture()) {
				accessLogFilter(context).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
				assertThat(AccessLogCapture.fields(capture.single())).containsEntry("path", "/api/things")
					.containsEntry("client_ip", "198.51.100.4")
					.containsEntry("user", "container-user");
			}
		});
	}

	@Test
	void noAccessLogOutsideAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LoggingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("accessLogFilterRegistration")
				.hasSingleBean(LoggingProductionCheck.class));
	}

	@Test
	void invalidMaskingPatternStopsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("secure-api.logging.masking.patterns[0]=([unclosed").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("secure-api.logging")
				.hasMessageContaining("masking.patterns[0]")
				.hasMessageContaining("'([unclosed' is not a valid regular expression");
		});
	}

	@Test
	void nonBooleanSwitchStopsStartUp() {
		this.contextRunner.withPropertyValues("secure-api.logging.access-log.include-query-string=sometimes")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void productionCheckReportsPlainTextConsoleLogs() {
		this.contextRunner.run((context) -> assertThat(context.getBean(LoggingProductionCheck.class).check())
			.extracting(ProductionFinding::id)
			.containsExactly("logging.not-structured"));
	}

	@Test
	void productionCheckIsSatisfiedByStructuredConsoleLogs() {
		this.contextRunner.withPropertyValues("logging.structured.format.console=ecs")
			.run((context) -> assertThat(context.getBean(LoggingProductionCheck.class).check()).isEmpty());
	}

	@Test
	void productionCheckReportsPlainTextLogFilesAndDisabledMasking() {
		this.contextRunner
			.withPropertyValues("logging.structured.format.console=ecs", "logging.file.name=app.log",
					"secure-api.logging.masking.enabled=false")
			.run((context) -> assertThat(context.getBean(LoggingProductionCheck.class).check())
				.extracting(ProductionFinding::id)
				.containsExactlyInAnyOrder("logging.file-not-structured", "logging.masking-disabled"));
	}

	private static AccessLogFilter accessLogFilter(ApplicationContext context) {
		return (AccessLogFilter) context.getBean("accessLogFilterRegistration", FilterRegistrationBean.class)
			.getFilter();
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomAccessLogFilterConfiguration {

		@Bean
		FilterRegistrationBean<AccessLogFilter> myAccessLog() {
			return new FilterRegistrationBean<>(new AccessLogFilter((request) -> "0.0.0.0", (request) -> null, null));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomUserResolverConfiguration {

		@Bean
		AccessLogUserResolver customUserResolver() {
			return (request) -> "service-account";
		}

	}

}
