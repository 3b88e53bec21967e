package dev.secureapi.example;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.secureapi.crypto.CryptoMetrics;
import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.crypto.JdbcDataKeyStore;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL: duplicate registrations (409, their transaction rolled back) interleaved
 * with successful ones, with data keys replaced every second encryption, leave every
 * stored e-mail readable by another instance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@RequiresServices({ RequiresServices.Service.POSTGRES, RequiresServices.Service.REDIS })
class PostgresRolledBackWriteTests {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	DataKeyManager keys;

	@Test
	void duplicateRegistrationsStrandNoEmailOfLaterUsers() {
		Api api = new Api(this.port);
		String taken = Api.unique("taken");
		assertThat(api.register(taken, "long-enough-1").status()).isEqualTo(201);
		// with a new key every second encryption, this order makes some duplicate (whose
		// transaction rolls back)
		// create a key that the next successful registration encrypts under, whatever the
		// count before it
		List<Integer> statuses = new ArrayList<>();
		for (char step : "DNDNNDNDNDNN".toCharArray()) {
			statuses.add(api.register((step == 'D') ? taken : Api.unique("later"), "long-enough-1").status());
		}
		assertThat(statuses).containsOnly(201, 409).contains(409);

		// another instance: its own key cache, reading the key table
		DataKeyManager otherInstance = new DataKeyManager(this.keys.getProvider(),
				new JdbcDataKeyStore(this.dataSource), new DataKeyManager.Limits(Duration.ofMinutes(15), 100, 1000),
				Clock.systemUTC(), CryptoMetrics.NONE);
		FieldEncryptor other = new FieldEncryptor(otherInstance, CryptoMetrics.NONE);
		List<String> usernames = this.jdbc.queryForList("SELECT username FROM users ORDER BY id", String.class);
		List<String> emails = this.jdbc.queryForList("SELECT email FROM users ORDER BY id", String.class);
		assertThat(emails).hasSizeGreaterThan(8);
		for (int i = 0; i < emails.size(); i++) {
			assertThat(other.decrypt(emails.get(i), EMAIL)).as(usernames.get(i)).matches("[^@]+@[^@]+");
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ApiTestSupport.register(registry);
		ApiTestSupport.registerPostgres(registry);
		registry.add("secure-api.proxy.trusted-proxies", () -> "127.0.0.1/32,::1/128");
		registry.add("secure-api.production-checks.ignored", () -> ApiTestSupport.PROD_TEST_IGNORED_FINDINGS);
		registry.add("spring.data.redis.url", () -> TestServices.redis().url());
		String prefix = TestServices.redis().uniquePrefix();
		registry.add("spring.cache.redis.key-prefix", () -> prefix);
		registry.add("secure-api.crypto.data-key-cache.max-uses", () -> "2");
	}

}
