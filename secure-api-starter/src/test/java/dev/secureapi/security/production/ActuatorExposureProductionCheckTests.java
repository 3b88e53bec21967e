package dev.secureapi.security.production;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ActuatorExposureProductionCheckTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProductionChecksAutoConfiguration.class));

	@Test
	void healthAndInfoOnlyIsFine() {
		assertThat(check("management.endpoints.web.exposure.include", "health,info").check()).isEmpty();
		assertThat(new ActuatorExposureProductionCheck(new MockEnvironment()).check()).isEmpty();
	}

	@Test
	void exposingEverythingIsReported() {
		assertThat(check("management.endpoints.web.exposure.include", "*").check()).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.id()).isEqualTo("actuator.sensitive-endpoints-exposed");
				assertThat(finding.problem()).contains("[*]");
			});
	}

	@Test
	void eachSensitiveEndpointIsNamed() {
		assertThat(check("management.endpoints.web.exposure.include",
				"health,env,heapdump,threaddump,loggers,configprops,prometheus")
			.check())
			.singleElement()
			.satisfies((finding) -> assertThat(finding.problem())
				.contains("env", "heapdump", "threaddump", "loggers", "configprops")
				.doesNotContain("prometheus"));
	}

	@Test
	void theKeyRotationEndpointIsSensitive() {
		assertThat(check("management.endpoints.web.exposure.include", "health,crypto").check()).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.id()).isEqualTo("actuator.sensitive-endpoints-exposed");
				assertThat(finding.problem()).contains("[crypto]");
			});
	}

	@Test
	void excludedEndpointsAreNotReported() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("management.endpoints.web.exposure.include", "health,env")
			.withProperty("management.endpoints.web.exposure.exclude", "env");
		assertThat(new ActuatorExposureProductionCheck(environment).check()).isEmpty();
	}

	@Test
	void healthDetailsForEveryoneAreReported() {
		assertThat(check("management.endpoint.health.show-details", "always").check()).extracting(ProductionFinding::id)
			.containsExactly("actuator.health-details-public");
	}

	@Test
	void checkIsContributedWhenTheActuatorIsPresent() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ActuatorExposureProductionCheck.class));
	}

	@Test
	void checkIsAbsentWithoutTheActuator() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate")).run((context) -> {
			assertThat(context).doesNotHaveBean(ActuatorExposureProductionCheck.class);
			assertThat(context).hasSingleBean(ProductionChecksRunner.class);
		});
	}

	private static ActuatorExposureProductionCheck check(String key, String value) {
		return new ActuatorExposureProductionCheck(new MockEnvironment().withProperty(key, value));
	}

}
