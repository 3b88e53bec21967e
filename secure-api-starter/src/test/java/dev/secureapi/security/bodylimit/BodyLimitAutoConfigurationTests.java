package dev.secureapi.security.bodylimit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class BodyLimitAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ProblemDetailsAutoConfiguration.class, BodyLimitAutoConfiguration.class));

	private final ApplicationContextRunner jsonRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(JsonParserLimitsAutoConfiguration.class, JacksonAutoConfiguration.class));

	@Test
	void anApplicationsOwnRegistrationOfTheFilterUnderAnyNameReplacesTheKits() {
		this.runner.withUserConfiguration(OwnRegistrationConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("bodyLimitFilterRegistration");
			assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
				.filteredOn((registration) -> registration.getFilter() instanceof BodyLimitFilter)
				.singleElement()
				.isSameAs(context.getBean("myOwnBodyLimitFilter"));
		});
	}

	@Test
	void defaultLimitIsTwoMegabytes() {
		this.runner.run((context) -> {
			assertThat(context.getBean(BodyLimits.class).limitFor(new MockHttpServletRequest("POST", "/x")))
				.isEqualTo(2 * 1024 * 1024);
			FilterRegistrationBean<?> registration = context.getBean("bodyLimitFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(BodyLimitFilter.class);
			assertThat(registration.getOrder()).isEqualTo(SecureApiFilterOrders.BODY_LIMIT);
		});
	}

	@Test
	void pathEntriesMatchByPatternAndMethod() {
		this.runner
			.withPropertyValues("secure-api.body-limit.max-size=10KB",
					"secure-api.body-limit.paths[0].patterns=/uploads/**",
					"secure-api.body-limit.paths[0].methods=POST,PUT", "secure-api.body-limit.paths[0].max-size=20MB")
			.run((context) -> {
				BodyLimits limits = context.getBean(BodyLimits.class);
				assertThat(limits.limitFor(new MockHttpServletRequest("POST", "/uploads/a/b"))).isEqualTo(20L << 20);
				assertThat(limits.limitFor(new MockHttpServletRequest("PATCH", "/uploads/a"))).isEqualTo(10L << 10);
				assertThat(limits.limitFor(new MockHttpServletRequest("POST", "/api/a"))).isEqualTo(10L << 10);
			});
	}

	@Test
	void offSwitchRemovesTheFilter() {
		this.runner.withPropertyValues("secure-api.body-limit.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(BodyLimits.class);
			assertThat(context).doesNotHaveBean("bodyLimitFilterRegistration");
		});
	}

	@Test
	void userLimitsReplaceTheDefaultOnes() {
		this.runner.withUserConfiguration(CustomLimits.class).run((context) -> {
			assertThat(context).hasSingleBean(BodyLimits.class);
			assertThat(context.getBean(BodyLimits.class).limitFor(new MockHttpServletRequest())).isEqualTo(1);
		});
	}

	@Test
	void negativeMaxSizeFailsStartup() {
		this.runner.withPropertyValues("secure-api.body-limit.max-size=-1MB").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("secure-api.body-limit")
				.hasStackTraceContaining("must not be negative");
		});
	}

	@Test
	void malformedMaxSizeFailsStartup() {
		this.runner.withPropertyValues("secure-api.body-limit.max-size=lots").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("secure-api.body-limit.max-size");
		});
	}

	@Test
	void jsonMapperParsesWithBoundedConstraints() {
		this.jsonRunner.run((context) -> {
			StreamReadConstraints constraints = context.getBean(JsonMapper.class)
				.tokenStreamFactory()
				.streamReadConstraints();
			assertThat(constraints.getMaxNestingDepth()).isEqualTo(64);
			assertThat(constraints.getMaxNumberLength()).isEqualTo(100);
			assertThat(constraints.getMaxStringLength()).isEqualTo(2 << 20);
			assertThat(constraints.getMaxNameLength()).isEqualTo(2 << 20);
			assertThat(constraints.getMaxDocumentLength()).isEqualTo(2L << 20);
		});
	}

	@Test
	void unsetJsonLengthLimitsFollowTheLargestBodyLimit() {
		this.jsonRunner
			.withPropertyValues("secure-api.body-limit.max-size=1MB",
					"secure-api.body-limit.paths[0].patterns=/upload/**", "secure-api.body-limit.paths[0].max-size=5MB")
			.run((context) -> {
				StreamReadConstraints constraints = context.getBean(JsonMapper.class)
					.tokenStreamFactory()
					.streamReadConstraints();
				assertThat(constraints.getMaxStringLength()).isEqualTo(5 << 20);
				assertThat(constraints.getMaxNameLength()).isEqualTo(5 << 20);
				assertThat(constraints.getMaxDocumentLength()).isEqualTo(5L << 20);
			});
	}

	@Test
	void jsonConstraintsBindAndCustomizersStillApply() {
		this.jsonRunner.withUserConfiguration(IndentingCustomizer.class)
			.withPropertyValues("secure-api.body-limit.json.max-nesting-depth=8",
					"spring.jackson.deserialization.fail-on-null-for-primitives=true")
			.run((context) -> {
				JsonMapper mapper = context.getBean(JsonMapper.class);
				assertThat(mapper.tokenStreamFactory().streamReadConstraints().getMaxNestingDepth()).isEqualTo(8);
				assertThat(mapper.isEnabled(SerializationFeature.INDENT_OUTPUT)).isTrue();
				assertThat(mapper.isEnabled(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES))
					.isTrue();
			});
	}

	@Test
	void jsonOverEachLimitIsRefusedByTheParser() {
		this.jsonRunner.withPropertyValues("secure-api.body-limit.json.max-string-length=10",
				"secure-api.body-limit.json.max-name-length=10", "secure-api.body-limit.json.max-number-length=5",
				"secure-api.body-limit.json.max-nesting-depth=3", "secure-api.body-limit.json.max-document-length=100B")
			.run((context) -> {
				JsonMapper mapper = context.getBean(JsonMapper.class);
				assertThat(mapper.readTree("{\"a\":\"0123456789\"}").get("a").asString()).hasSize(10);
				assertThatExceptionOfType(StreamConstraintsException.class)
					.isThrownBy(() -> mapper.readTree("{\"a\":\"01234567890\"}"));
				assertThatExceptionOfType(StreamConstraintsException.class)
					.isThrownBy(() -> mapper.readTree("{\"abcdefghijk\":1}"));
				assertThatExceptionOfType(StreamConstraintsException.class)
					.isThrownBy(() -> mapper.readTree("[123456]"));
				assertThatExceptionOfType(StreamConstraintsException.class)
					.isThrownBy(() -> mapper.readTree("[[[[1]]]]"));
				assertThatExceptionOfType(StreamConstraintsException.class)
					.isThrownBy(() -> mapper.readTree("[" + "1,".repeat(60) + "1]"));
			});
	}

	@Test
	void jsonOffSwitchLeavesJacksonDefaults() {
		this.jsonRunner.withPropertyValues("secure-api.body-limit.json.enabled=false")
			.run((context) -> assertThat(
					context.getBean(JsonMapper.class).tokenStreamFactory().streamReadConstraints().getMaxNestingDepth())
				.isEqualTo(StreamReadConstraints.defaults().getMaxNestingDepth()));
	}

	@Test
	void userBuilderMakesTheJsonLimitsBackOff() {
		this.jsonRunner.withUserConfiguration(CustomBuilder.class)
			.run((context) -> assertThat(context.getBean(JsonMapper.Builder.class)
				.streamFactory()
				.streamReadConstraints()
				.getMaxNestingDepth()).isEqualTo(3));
	}

	@Test
	void withoutBootJacksonSupportNoBuilderIsContributed() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JsonParserLimitsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(JsonMapperBuilderCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JsonMapper.Builder.class));
	}

	@Test
	void nonPositiveJsonLimitFailsValidation() {
		this.jsonRunner.withPropertyValues("secure-api.body-limit.json.max-nesting-depth=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("json.maxNestingDepth");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomLimits {

		@Bean
		BodyLimits customLimits() {
			BodyLimitProperties properties = new BodyLimitProperties();
			properties.setMaxSize(org.springframework.util.unit.DataSize.ofBytes(1));
			return new BodyLimits(properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class IndentingCustomizer {

		@Bean
		JsonMapperBuilderCustomizer indenting() {
			return (builder) -> builder.enable(SerializationFeature.INDENT_OUTPUT);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBuilder {

		@Bean
		JsonMapper.Builder jsonMapperBuilder() {
			return JsonMapper.builder(tools.jackson.core.json.JsonFactory.builder()
				.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(3).build())
				.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrationConfiguration {

		@Bean
		FilterRegistrationBean<BodyLimitFilter> myOwnBodyLimitFilter() {
			return new FilterRegistrationBean<>(mock(BodyLimitFilter.class));
		}

	}

}
