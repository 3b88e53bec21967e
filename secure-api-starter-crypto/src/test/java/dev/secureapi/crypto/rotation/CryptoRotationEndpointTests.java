package dev.secureapi.crypto.rotation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.secureapi.crypto.CryptoAutoConfiguration;
import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.crypto.support.TestDatabases;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code crypto} actuator endpoint drives a full rotation without showing key
 * material.
 */
class CryptoRotationEndpointTests {

	private static final FieldContext NOTE = new FieldContext("notes", "body");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CryptoAutoConfiguration.class))
		.withConfiguration(TestDatabases.h2WithKeyTable())
		.withPropertyValues(TestDatabases.uniqueH2Url())
		.withPropertyValues("secure-api.crypto.rotation.columns[0].table=notes",
				"secure-api.crypto.rotation.columns[0].column=body", "secure-api.crypto.rotation.batch-size=3");

	@Test
	void endpointIsOnlyThereWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(CryptoRotationEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=crypto")
			.run((context) -> assertThat(context).hasSingleBean(CryptoRotationEndpoint.class));
	}

	@Test
	void withoutActuatorTheStarterStillStarts() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=crypto")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(FieldEncryptor.class));
	}

	@Test
	@SuppressWarnings("unchecked")
	void rotateReencryptAndRetireThroughTheEndpoint() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=crypto")
			.withBean(MutableClock.class, MutableClock::new)
			.run((context) -> {
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
				jdbc.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(1000))");
				FieldEncryptor encryptor = context.getBean(FieldEncryptor.class);
				for (int i = 0; i < 10; i++) {
					jdbc.update("INSERT INTO notes VALUES (?, ?)", i, encryptor.encrypt("note " + i, NOTE));
				}
				CryptoRotationEndpoint endpoint = context.getBean(CryptoRotationEndpoint.class);
				String oldKey = (String) endpoint.describe().get("activeKey");

				endpoint.run(CryptoRotationEndpoint.Action.ROTATE_DATA_KEY);
				assertThat(endpoint.describe()).containsEntry("backlog", 10L);
				assertThat(endpoint.retire(oldKey).getStatus()).isEqualTo(409);
				context.getBean(MutableClock.class).advance(Duration.ofMinutes(16));
				assertThat(endpoint.retire(oldKey).getStatus()).isEqualTo(409);

				Map<String, Object> reencrypted = endpoint.run(CryptoRotationEndpoint.Action.REENCRYPT);
				assertThat((Map<String, Long>) reencrypted.get("reencrypted")).containsEntry("notes.body", 10L);
				assertThat(reencrypted).containsEntry("backlog", 0L);
				WebEndpointResponse<Map<String, Object>> retired = endpoint.retire(oldKey);
				assertThat(retired.getStatus()).isEqualTo(200);
				assertThat(endpoint.retire("not-a-uuid").getStatus()).isEqualTo(400);
				assertThat(endpoint.retire(UUID.randomUUID().toString()).getStatus()).isEqualTo(404);

				List<Map<String, Object>> keys = (List<Map<String, Object>>) endpoint.describe().get("keys");
				// the rotated key aged past max-age too, so re-encryption made a third
				// one
				assertThat(keys).extracting((key) -> key.get("status"))
					.containsExactlyInAnyOrder("RETIRED", "ENABLED", "ENABLED");
				assertThat(keys.toString()).doesNotContain("wrapped");
				for (int i = 0; i < 10; i++) {
					String body = jdbc.queryForObject("SELECT body FROM notes WHERE id = ?", String.class, i);
					assertThat(encryptor.decrypt(body, NOTE)).isEqualTo("note " + i);
					assertThat(FieldEncryptor.keyIdOf(body)).isNotEqualTo(UUID.fromString(oldKey));
				}
			});
	}

	@Test
	void rewrapMasterKeyStepRewrapsEveryEnabledKey() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=crypto").run((context) -> {
			context.getBean(FieldEncryptor.class).encrypt("x", NOTE);
			CryptoRotationEndpoint endpoint = context.getBean(CryptoRotationEndpoint.class);
			endpoint.run(CryptoRotationEndpoint.Action.ROTATE_DATA_KEY);
			assertThat(endpoint.run(CryptoRotationEndpoint.Action.REWRAP_MASTER_KEY)).containsEntry("rewrapped", 2);
		});
	}

}
