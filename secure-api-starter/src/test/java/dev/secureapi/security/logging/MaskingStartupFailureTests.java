package dev.secureapi.security.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class MaskingStartupFailureTests {

	@Test
	void invalidMaskingPatternStopsTheApplicationWithAReportNamingIt(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE)
				.run("--logging.structured.format.console=ecs", "--secure-api.logging.masking.patterns[0]=([unclosed",
						"--spring.main.banner-mode=off"));
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("secure-api.logging.masking.patterns[0]")
			.contains("'([unclosed' is not a valid regular expression");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EmptyApplication {

	}

}
