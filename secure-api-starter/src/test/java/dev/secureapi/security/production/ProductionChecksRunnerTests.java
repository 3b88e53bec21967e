package dev.secureapi.security.production;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ProductionChecksRunnerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProductionChecksAutoConfiguration.class))
		.withUserConfiguration(TwoChecks.class)
		.withPropertyValues("management.endpoints.web.exposure.include=health");

	@Test
	void warnModeLogsEveryFindingInOneMessageAndStarts(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Production checks found 2 insecure settings:")
				.contains("[test.a] A is insecure.")
				.contains("Action: Fix A.")
				.contains("[test.b] B is insecure.")
				.contains("secure-api.production-checks.mode=fail");
		});
	}

	@Test
	void failModeStopsStartupListingEveryFinding() {
		this.runner.withPropertyValues("secure-api.production-checks.mode=fail").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(InsecureConfigurationException.class)
				.hasMessageContaining("[test.a] A is insecure.")
				.hasMessageContaining("[test.b] B is insecure.");
			InsecureConfigurationException failure = (InsecureConfigurationException) context.getStartupFailure();
			assertThat(failure.getFindings()).extracting(ProductionFinding::id).containsExactly("test.a", "test.b");
		});
	}

	@Test
	void ignoredFindingsAreNeitherLoggedNorFatal(CapturedOutput output) {
		this.runner
			.withPropertyValues("secure-api.production-checks.mode=fail",
					"secure-api.production-checks.ignored=test.a,test.b")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).doesNotContain("[test.a]").contains("Production checks found no insecure setting");
			});
	}

	@Test
	void offModeRunsNoCheck(CapturedOutput output) {
		this.runner.withPropertyValues("secure-api.production-checks.mode=off").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("Production checks found");
		});
	}

	@Test
	void invalidModeFailsStartup() {
		this.runner.withPropertyValues("secure-api.production-checks.mode=loud")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void failureAnalyzerExplainsWhatToDo() {
		InsecureConfigurationException exception = new InsecureConfigurationException(
				List.of(new ProductionFinding("test.a", "A is insecure.", "Fix A.")));
		FailureAnalysis analysis = new InsecureConfigurationFailureAnalyzer().analyze(exception);
		assertThat(analysis.getDescription()).contains("Production checks found 1 insecure setting:")
			.contains("[test.a] A is insecure.")
			.contains("Action: Fix A.");
		assertThat(analysis.getAction()).contains("secure-api.production-checks.ignored")
			.contains("secure-api.production-checks.mode=warn");
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoChecks {

		@Bean
		ProductionCheck checkB() {
			return () -> List.of(new ProductionFinding("test.b", "B is insecure.", "Fix B."));
		}

		@Bean
		ProductionCheck checkA() {
			return () -> List.of(new ProductionFinding("test.a", "A is insecure.", "Fix A."));
		}

	}

}
