package ${package};

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;

import dev.secureapi.security.production.InsecureConfigurationException;
import dev.secureapi.security.production.ProductionFinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The prod profile refuses to start with the embedded default's development keys. (An in-memory database stands
 * in for PostgreSQL here: the checks run before any request, so no server is needed.)
 */
class ProductionProfileTests {

	@Test
	void prodProfileRefusesToStartWithDevelopmentKeys() {
		SpringApplication application = new SpringApplication(Application.class);
		application.setAdditionalProfiles("prod");
		Throwable failure = catchThrowable(() -> application.run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:prod-checks;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"--spring.main.banner-mode=off"));
		InsecureConfigurationException insecure = findCause(failure);
		List<String> findings = insecure.getFindings().stream().map(ProductionFinding::id).toList();
		assertThat(findings).contains("jwt.key-missing", "crypto.development-key", "crypto.blind-index-key-missing");
	}

	private static InsecureConfigurationException findCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InsecureConfigurationException insecure) {
				return insecure;
			}
		}
		throw new AssertionError("start-up did not fail on the production checks", failure);
	}

}
