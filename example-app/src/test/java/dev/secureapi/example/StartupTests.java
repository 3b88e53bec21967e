package dev.secureapi.example;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import dev.secureapi.example.admin.AdminBootstrapException;
import dev.secureapi.example.admin.AdminBootstrapFailureAnalyzer;
import dev.secureapi.example.production.DevelopmentDefaultsCheck;
import dev.secureapi.security.production.InsecureConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What stops the application at start-up: a weak or half-configured administrator, an
 * administrator name someone registered first, and the development defaults under the
 * prod profile.
 */
class StartupTests {

	@Test
	void aWeakAdminPasswordStopsStartUp() {
		assertThatThrownBy(() -> start("app.admin.username=root", "app.admin.password=password123")).rootCause()
			.isInstanceOf(AdminBootstrapException.class)
			.hasMessageContaining("fewer than 12 characters")
			.hasMessageContaining("'password'");
		assertThatThrownBy(() -> start("app.admin.username=rootuser", "app.admin.password=Rootuser-2024-long"))
			.rootCause()
			.isInstanceOf(AdminBootstrapException.class)
			.hasMessageContaining("contains the user name");
	}

	@Test
	void anAdminUserNameWithoutPasswordStopsStartUp() {
		assertThatThrownBy(() -> start("app.admin.username=root")).rootCause()
			.isInstanceOf(AdminBootstrapException.class)
			.hasMessageContaining("must both be set");
	}

	@Test
	void anAdminNameRegisteredBeforeTheFirstStartStopsStartUp() {
		String database = "jdbc:h2:mem:squat" + System.nanoTime()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
		try (ConfigurableApplicationContext first = new SpringApplicationBuilder(ExampleApplication.class)
			.run("--server.port=0", "--spring.datasource.url=" + database)) {
			Api api = new Api(first.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
			assertThat(api.register("rootowner", "squatters-own-pass-1").status()).isEqualTo(201);
		}
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ExampleApplication.class)
			.run("--server.port=0", "--spring.datasource.url=" + database, "--app.admin.username=rootowner",
					"--app.admin.password=Str0ng-Kestrel-pass!")
			.close());
		Throwable refusal = failure;
		while (refusal != null && !(refusal instanceof AdminBootstrapException)) {
			refusal = refusal.getCause();
		}
		assertThat(refusal).as("%s", failure)
			.isInstanceOf(AdminBootstrapException.class)
			.hasMessageContaining("'rootowner' already exists without the ADMIN role");
		FailureAnalysis analysis = new AdminBootstrapFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getAction()).contains("APP_ADMIN_USERNAME");
	}

	@Test
	void theProdProfileRefusesTheEmbeddedDatabaseAndInProcessCache() {
		assertThatExceptionOfType(InsecureConfigurationException.class).isThrownBy(() -> start(
				"spring.profiles.active=prod", "spring.cache.type=caffeine",
				"spring.autoconfigure.exclude=org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"secure-api.rate-limit.backend=local",
				"secure-api.jwt.secret=test-secret-with-at-least-32-bytes-of-entropy!"))
			.withMessageContaining(DevelopmentDefaultsCheck.EMBEDDED_DATABASE)
			.withMessageContaining(DevelopmentDefaultsCheck.IN_PROCESS_CACHE);
	}

	private static void start(String... properties) {
		String database = "--spring.datasource.url=jdbc:h2:mem:startup" + System.nanoTime()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
		// command-line arguments, so they win over application.yaml and its profile
		// documents
		String[] args = Stream
			.concat(Stream.of("--server.port=0", database), Stream.of(properties).map((property) -> "--" + property))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ExampleApplication.class)
			.run(args)) {
			assertThat(context.isRunning()).isTrue();
		}
	}

}
