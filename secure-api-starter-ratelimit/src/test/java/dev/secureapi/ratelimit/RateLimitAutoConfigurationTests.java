package dev.secureapi.ratelimit;

import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;

import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.production.ProductionFinding;
import dev.secureapi.security.proxy.ProxyAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class, ProxyAutoConfiguration.class,
				RateLimitAutoConfiguration.class, RateLimitHealthContributorAutoConfiguration.class));

	@Test
	void defaultsGiveALocalBackendAGuardTwoFiltersAndMetrics() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LocalRateLimitBackend.class);
			assertThat(context).hasSingleBean(RateLimiter.class);
			assertThat(context).hasSingleBean(LoginAttemptGuard.class);
			assertThat(context).hasSingleBean(MicrometerRateLimitRecorder.class);
			assertThat(context).hasSingleBean(RateLimitBackendHealthIndicator.class);
			assertThat(context).hasBean("rateLimitFilterBeforeAuthentication");
			assertThat(context).hasBean("rateLimitFilterAfterAuthentication");
			assertThat(context.getBean("rateLimitFilterBeforeAuthentication", FilterRegistrationBean.class).getOrder())
				.isLessThan(
						context.getBean("rateLimitFilterAfterAuthentication", FilterRegistrationBean.class).getOrder());
			assertThat(context.getBean(RateLimitProductionCheck.class).check()).isEmpty();
		});
	}

	@Test
	void anApplicationsOwnRegistrationOfTheFilterUnderAnyNameReplacesTheKits() {
		this.runner.withUserConfiguration(OwnFilterRegistrationConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("rateLimitFilterBeforeAuthentication")
				.doesNotHaveBean("rateLimitFilterAfterAuthentication");
			assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
				.filteredOn((registration) -> registration.getFilter() instanceof RateLimitFilter)
				.singleElement()
				.isSameAs(context.getBean("myRateLimiting"));
		});
	}

	@Test
	void theFiltersStayOnEitherSideOfSpringSecurityWhenItsOrderChanges() {
		this.runner.withPropertyValues("spring.security.filter.order=1000").run((context) -> {
			int before = context.getBean("rateLimitFilterBeforeAuthentication", FilterRegistrationBean.class)
				.getOrder();
			int after = context.getBean("rateLimitFilterAfterAuthentication", FilterRegistrationBean.class).getOrder();
			assertThat(before).isLessThan(1000);
			assertThat(after).isGreaterThan(1000);
		});
	}

	@Test
	void theHealthContributionCanBeSwitchedOffTheActuatorWay() {
		this.runner.withPropertyValues("management.health.ratelimit.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RateLimiter.class)
				.doesNotHaveBean(RateLimitBackendHealthIndicator.class));
	}

	@Test
	void theHealthContributionBacksOffFromABeanOfTheSameName() {
		this.runner.withBean("rateLimitHealthContributor", Object.class, Object::new)
			.run((context) -> assertThat(context).doesNotHaveBean(RateLimitBackendHealthIndicator.class));
	}

	@Test
	void policiesEndpointIsAvailableWhenExposed() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=ratelimits",
					"secure-api.rate-limit.policies[0].name=api", "secure-api.rate-limit.policies[0].paths=/api/**",
					"secure-api.rate-limit.policies[0].limits[0].capacity=100")
			.run((context) -> assertThat(context.getBean(RateLimitsEndpoint.class).policies().policies())
				.singleElement()
				.satisfies((policy) -> {
					assertThat(policy.name()).isEqualTo("api");
					assertThat(policy.key()).isEqualTo("ip");
					assertThat(policy.limits())
						.containsExactly(new RateLimitPolicy.Limit(100, java.time.Duration.ofMinutes(1)));
				}));
	}

	@Test
	void autoBackendIsRedisWhenTheApplicationHasALettuceConnectionFactory() {
		this.runner.withUserConfiguration(RedisConnectionFactoryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RedisRateLimitBackend.class);
			assertThat(context).doesNotHaveBean(LocalRateLimitBackend.class);
		});
	}

	@Test
	void localBackendCanBeChosenEvenWithRedis() {
		this.runner.withUserConfiguration(RedisConnectionFactoryConfiguration.class)
			.withPropertyValues("secure-api.rate-limit.backend=local")
			.run((context) -> assertThat(context).hasSingleBean(LocalRateLimitBackend.class)
				.doesNotHaveBean(RedisRateLimitBackend.class));
	}

	@Test
	void autoBackendIsLocalWhenSpringDataRedisIsAbsent() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis", "io.lettuce"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(LocalRateLimitBackend.class));
	}

	@Test
	void redisBackendWithoutRedisFailsStartUpWithAnExplanation() {
		this.runner.withPropertyValues("secure-api.rate-limit.backend=redis").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("backend=redis")
				.contains("no Lettuce RedisConnectionFactory");
			assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
		});
	}

	@Test
	void worksWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RateLimiter.class)
				.doesNotHaveBean(MicrometerRateLimitRecorder.class));
	}

	@Test
	void worksWithoutActuator() {
		this.runner
			.withClassLoader(
					new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RateLimiter.class)
				.doesNotHaveBean(RateLimitBackendHealthIndicator.class)
				.doesNotHaveBean(RateLimitsEndpoint.class));
	}

	@Test
	void worksOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RateLimitAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LoginAttemptGuard.class)
				.doesNotHaveBean(RateLimitFilter.class)
				.doesNotHaveBean("rateLimitFilterBeforeAuthentication"));
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("secure-api.rate-limit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RateLimiter.class)
				.doesNotHaveBean(RateLimitBackend.class)
				.doesNotHaveBean(LoginAttemptGuard.class)
				.doesNotHaveBean("rateLimitFilterBeforeAuthentication"));
	}

	@Test
	void loginGuardCanBeSwitchedOffAlone() {
		this.runner.withPropertyValues("secure-api.rate-limit.login.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LoginAttemptGuard.class)
				.hasSingleBean(RateLimiter.class));
	}

	@Test
	void backsOffFromTheApplicationsOwnBackend() {
		this.runner.withUserConfiguration(OwnBackendConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(LocalRateLimitBackend.class);
			assertThat(context.getBean(RateLimitBackend.class)).isSameAs(context.getBean("ownBackend"));
		});
	}

	@Test
	void policiesBindFromProperties() {
		this.runner.withPropertyValues("secure-api.rate-limit.policies[0].name=api",
				"secure-api.rate-limit.policies[0].paths=/api/**", "secure-api.rate-limit.policies[0].methods=POST,PUT",
				"secure-api.rate-limit.policies[0].key=header:X-Api-Key",
				"secure-api.rate-limit.policies[0].limits[0].capacity=100",
				"secure-api.rate-limit.policies[0].limits[0].period=1m",
				"secure-api.rate-limit.policies[0].limits[1].capacity=1000",
				"secure-api.rate-limit.policies[0].limits[1].period=1h", "secure-api.rate-limit.policies[0].cost=2")
			.run((context) -> {
				RateLimitPolicy policy = context.getBean(RateLimiter.class).getPolicy("api");
				assertThat(policy).isNotNull();
				assertThat(policy.getPaths()).containsExactly("/api/**");
				assertThat(policy.getMethods()).extracting(Object::toString).containsExactlyInAnyOrder("POST", "PUT");
				assertThat(policy.getKeyKind()).isEqualTo(RateLimitPolicy.KeyKind.HEADER);
				assertThat(policy.getHeaderName()).isEqualTo("X-Api-Key");
				assertThat(policy.getLimits()).extracting(RateLimitPolicy.Limit::capacity).containsExactly(100L, 1000L);
				assertThat(policy.getCost()).isEqualTo(2);
			});
	}

	@Test
	void zeroCapacityFailsStartUp() {
		assertStartUpFails("secure-api.rate-limit.policies[0].limits[0].capacity=0", "capacity");
	}

	@Test
	void negativePeriodFailsStartUp() {
		assertStartUpFails("secure-api.rate-limit.policies[0].limits[0].period=-1s", "period");
	}

	@Test
	void zeroRememberedRedisKeysFailsStartUp() {
		assertStartUpFails("secure-api.rate-limit.redis.remembered-keys=0", "rememberedKeys");
	}

	@Test
	void unknownKeyKindFailsStartUp() {
		assertStartUpFails("secure-api.rate-limit.policies[0].key=cookie",
				"must be ip, user, header:<Name> or header:<Name>+ip");
	}

	@Test
	void policyWithoutLimitsFailsStartUp() {
		this.runner.withPropertyValues("secure-api.rate-limit.policies[0].name=api")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("limits"));
	}

	@Test
	void invalidPathPatternFailsStartUpWithAnExplanation() {
		this.runner.withPropertyValues(validPolicy("secure-api.rate-limit.policies[0].paths=/api/**/x"))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("/api/**/x").contains("'api'");
				assertThat(analysis.getAction()).contains("PathPattern");
			});
	}

	@Test
	void aLimitBucket4jCannotRepresentFailsStartUpWithAnExplanation() {
		this.runner
			.withPropertyValues(validPolicy("secure-api.rate-limit.policies[0].limits[0].capacity=9000000000",
					"secure-api.rate-limit.policies[0].limits[0].period=1ms"))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'api'").contains("refill rate");
				assertThat(analysis.getAction()).contains("Lower the capacity");
			});
	}

	@Test
	void duplicatePolicyNamesFailStartUp() {
		this.runner
			.withPropertyValues(validPolicy("secure-api.rate-limit.policies[1].name=api",
					"secure-api.rate-limit.policies[1].limits[0].capacity=5"))
			.run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription()).contains("same name"));
	}

	@Test
	void localBackendWithSeveralDeclaredInstancesIsAProductionFinding() {
		this.runner.withPropertyValues("secure-api.rate-limit.expected-instances=3")
			.run((context) -> assertThat(context.getBean(RateLimitProductionCheck.class).check())
				.extracting(ProductionFinding::id)
				.containsExactly("rate-limit.local-backend-with-several-instances"));
	}

	@Test
	void redisBackendWithSeveralInstancesIsNoFinding() {
		this.runner.withUserConfiguration(RedisConnectionFactoryConfiguration.class)
			.withPropertyValues("secure-api.rate-limit.expected-instances=3")
			.run((context) -> assertThat(context.getBean(RateLimitProductionCheck.class).check()).isEmpty());
	}

	@Test
	void failOpenLoginGuardIsAProductionFinding() {
		this.runner.withPropertyValues("secure-api.rate-limit.login.fail-open=true")
			.run((context) -> assertThat(context.getBean(RateLimitProductionCheck.class).check())
				.extracting(ProductionFinding::id)
				.containsExactly("rate-limit.login-fail-open"));
	}

	@Test
	void everyRegisteredClassLoads() throws Exception {
		List<String> names = new java.util.ArrayList<>(new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)
			.lines()
			.filter(StringUtils::hasText)
			.toList());
		Properties factories = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring.factories")) {
			factories.load(in);
		}
		factories.values().forEach((value) -> names.addAll(StringUtils.commaDelimitedListToSet(value.toString())));
		assertThat(names).contains(RateLimitAutoConfiguration.class.getName(),
				RateLimitConfigurationFailureAnalyzer.class.getName());
		for (String name : names) {
			assertThat(Class.forName(name.trim())).isNotNull();
		}
	}

	private void assertStartUpFails(String property, String expected) {
		this.runner.withPropertyValues(validPolicy(property))
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining(expected));
	}

	private static String[] validPolicy(String... overrides) {
		List<String> properties = new java.util.ArrayList<>(
				List.of("secure-api.rate-limit.policies[0].name=api", "secure-api.rate-limit.policies[0].paths=/api/**",
						"secure-api.rate-limit.policies[0].limits[0].capacity=10",
						"secure-api.rate-limit.policies[0].limits[0].period=1m"));
		properties.addAll(List.of(overrides));
		return properties.toArray(String[]::new);
	}

	private static FailureAnalysis analyze(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof RateLimitConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("a RateLimitConfigurationException in %s", failure).isNotNull();
		return new RateLimitConfigurationFailureAnalyzer().analyze(failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class RedisConnectionFactoryConfiguration {

		@Bean
		LettuceConnectionFactory redisConnectionFactory() {
			// never connected: the backend opens its connection on first use
			return new LettuceConnectionFactory("127.0.0.1", 1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFilterRegistrationConfiguration {

		@Bean
		FilterRegistrationBean<RateLimitFilter> myRateLimiting(RateLimiter rateLimiter, RateLimitResponses responses) {
			return new FilterRegistrationBean<>(new RateLimitFilter(rateLimiter, responses, true));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBackendConfiguration {

		@Bean
		RateLimitBackend ownBackend() {
			LocalRateLimitBackend delegate = new LocalRateLimitBackend(10, java.time.Duration.ofMinutes(1));
			return new RateLimitBackend() {
				@Override
				public <T> T execute(String key,
						java.util.function.Supplier<io.github.bucket4j.BucketConfiguration> configuration,
						java.util.function.Function<io.github.bucket4j.Bucket, T> operation) {
					return delegate.execute(key, configuration, operation);
				}
			};
		}

	}

}
