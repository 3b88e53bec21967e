package dev.secureapi.security.problem;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class));

	@Test
	void byDefaultErrorsOfEveryKindAreProblems() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ProblemResponseWriter.class)
			.hasSingleBean(ProblemExceptionHandler.class)
			.hasSingleBean(ProblemErrorController.class));
	}

	@Test
	void switchedOffTheWriterStaysForTheKitsOwnRejections() {
		this.runner.withPropertyValues("secure-api.problem.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ProblemResponseWriter.class)
				.doesNotHaveBean(ProblemExceptionHandler.class)
				.doesNotHaveBean(ProblemErrorController.class)
				.doesNotHaveBean(ProblemErrorReportValveCustomizer.class));
	}

}
