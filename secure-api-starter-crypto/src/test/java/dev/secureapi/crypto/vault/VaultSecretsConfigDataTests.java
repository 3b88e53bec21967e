package dev.secureapi.crypto.vault;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import dev.secureapi.crypto.support.FakeVaultServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code spring.config.import=secure-api-vault:...} through the real Spring Vault client
 * against an in-process Vault HTTP API (KV v2, token and AppRole login); not against a
 * Vault server.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultSecretsConfigDataTests {

	private static final String JWT_SECRET = "a-jwt-signing-secret-of-more-than-32-bytes!";

	private final FakeVaultServer vault = start();

	@AfterEach
	void stop() {
		this.vault.close();
	}

	@Test
	void fakeVaultKvSecretsBecomeApplicationPropertiesWithTokenAuth() {
		this.vault.putSecret("my-app", Map.of("secure-api.jwt.secret", JWT_SECRET, "spring.datasource.password", "pw"));
		try (ConfigurableApplicationContext context = run("--spring.config.import=secure-api-vault:secret/data/my-app",
				"--secure-api.vault.uri=" + this.vault.uri(), "--secure-api.vault.token=" + FakeVaultServer.TOKEN)) {
			assertThat(context.getEnvironment().getProperty("secure-api.jwt.secret")).isEqualTo(JWT_SECRET);
			assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEqualTo("pw");
		}
	}

	@Test
	void fakeVaultAppRoleLoginReadsTheSecrets() {
		this.vault.putSecret("my-app", Map.of("secure-api.jwt.secret", JWT_SECRET));
		try (ConfigurableApplicationContext context = run("--spring.config.import=secure-api-vault:secret/data/my-app",
				"--secure-api.vault.uri=" + this.vault.uri(), "--secure-api.vault.authentication=approle",
				"--secure-api.vault.app-role.role-id=" + FakeVaultServer.ROLE_ID,
				"--secure-api.vault.app-role.secret-id=" + FakeVaultServer.SECRET_ID)) {
			assertThat(context.getEnvironment().getProperty("secure-api.jwt.secret")).isEqualTo(JWT_SECRET);
		}
	}

	@Test
	void fakeVaultSecretValuesNeverAppearInThePropertySourceDescriptionOrLog(CapturedOutput output) {
		this.vault.putSecret("my-app", Map.of("secure-api.jwt.secret", JWT_SECRET));
		try (ConfigurableApplicationContext context = run("--spring.config.import=secure-api-vault:secret/data/my-app",
				"--secure-api.vault.uri=" + this.vault.uri(), "--secure-api.vault.token=" + FakeVaultServer.TOKEN,
				"--logging.level.org.springframework=debug")) {
			ConfigurableEnvironment environment = context.getEnvironment();
			PropertySource<?> source = environment.getPropertySources().get("secure-api-vault:secret/data/my-app");
			assertThat(source).isNotNull();
			assertThat(source.toString()).doesNotContain(JWT_SECRET);
			assertThat(environment.getPropertySources().toString()).doesNotContain(JWT_SECRET);
		}
		assertThat(output).doesNotContain(JWT_SECRET);
	}

	@Test
	void optionalImportOfAMissingPathOrUnreachableVaultIsSkipped() {
		try (ConfigurableApplicationContext context = run(
				"--spring.config.import=optional:secure-api-vault:secret/data/absent",
				"--secure-api.vault.uri=" + this.vault.uri(), "--secure-api.vault.token=" + FakeVaultServer.TOKEN)) {
			assertThat(context.getEnvironment().getProperty("secure-api.jwt.secret")).isNull();
		}
		try (ConfigurableApplicationContext context = run(
				"--spring.config.import=optional:secure-api-vault:secret/data/my-app",
				"--secure-api.vault.uri=http://127.0.0.1:1", "--secure-api.vault.token=" + FakeVaultServer.TOKEN)) {
			assertThat(context.getEnvironment().getProperty("secure-api.jwt.secret")).isNull();
		}
	}

	@Test
	void requiredImportFailsStartUpNamingThePathWhenVaultRefuses() {
		assertThatException()
			.isThrownBy(() -> run("--spring.config.import=secure-api-vault:secret/data/my-app",
					"--secure-api.vault.uri=" + this.vault.uri(), "--secure-api.vault.token=s.wrong"))
			.withMessageContaining("secure-api-vault:secret/data/my-app");
		assertThatException()
			.isThrownBy(() -> run("--spring.config.import=secure-api-vault:secret/data/my-app",
					"--secure-api.vault.uri=" + this.vault.uri()))
			.withMessageContaining("secure-api.vault.token");
	}

	@Test
	void aMissingVaultUriFailsStartUpAsAnInvalidPropertyNamingIt() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> run("--spring.config.import=secure-api-vault:secret/data/my-app",
					"--secure-api.vault.token=" + FakeVaultServer.TOKEN))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("secure-api.vault.uri"))
			.withMessageContaining("secure-api-vault:secret/data/my-app");
	}

	@Test
	void appRoleWithoutASecretIdFailsStartUpAsAnInvalidPropertyNamingIt() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> run("--spring.config.import=secure-api-vault:secret/data/my-app",
					"--secure-api.vault.uri=" + this.vault.uri(), "--secure-api.vault.authentication=approle",
					"--secure-api.vault.app-role.role-id=" + FakeVaultServer.ROLE_ID))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("secure-api.vault.app-role.secret-id"));
	}

	@Test
	void theNamespaceIsSentOnTheLoginAndTheRead() {
		this.vault.putSecret("my-app", Map.of("secure-api.jwt.secret", JWT_SECRET));
		try (ConfigurableApplicationContext context = run("--spring.config.import=secure-api-vault:secret/data/my-app",
				"--secure-api.vault.uri=" + this.vault.uri(), "--secure-api.vault.authentication=approle",
				"--secure-api.vault.namespace=team-a/payments",
				"--secure-api.vault.app-role.role-id=" + FakeVaultServer.ROLE_ID,
				"--secure-api.vault.app-role.secret-id=" + FakeVaultServer.SECRET_ID)) {
			assertThat(context.getEnvironment().getProperty("secure-api.jwt.secret")).isEqualTo(JWT_SECRET);
		}
		assertThat(this.vault.namespaces()).hasSize(2).containsOnly("team-a/payments");
	}

	@Test
	void withoutANamespaceNoneIsSent() {
		this.vault.putSecret("my-app", Map.of("secure-api.jwt.secret", JWT_SECRET));
		run("--spring.config.import=secure-api-vault:secret/data/my-app", "--secure-api.vault.uri=" + this.vault.uri(),
				"--secure-api.vault.token=" + FakeVaultServer.TOKEN)
			.close();
		assertThat(this.vault.namespaces()).containsOnly("");
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void aVaultThatNeverAnswersFailsStartUpWithAClearMessage() {
		this.vault.hang();
		assertThatException()
			.isThrownBy(() -> run("--spring.config.import=secure-api-vault:secret/data/my-app",
					"--secure-api.vault.uri=" + this.vault.uri(), "--secure-api.vault.token=" + FakeVaultServer.TOKEN,
					"--secure-api.vault.timeout=1s"))
			.withMessageContaining("secure-api-vault:secret/data/my-app")
			.withMessageContaining("could not be reached within 1000 ms");
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run(args);
	}

	private static FakeVaultServer start() {
		try {
			return new FakeVaultServer();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
