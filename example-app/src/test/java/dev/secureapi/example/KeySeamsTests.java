package dev.secureapi.example;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.GeneratedDataKey;
import dev.secureapi.crypto.JdbcDataKeyStore;
import dev.secureapi.crypto.KeyProvider;
import dev.secureapi.crypto.KeyProviderException;
import dev.secureapi.crypto.WrappedDataKey;
import dev.secureapi.example.Api.Response;
import dev.secureapi.example.Api.TestUser;
import dev.secureapi.security.authentication.UserAccountService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP on the embedded default, the places where encryption meets the rest of
 * the application: a key provider that is down does not change how a login answers, and a
 * data key that cannot be stored fails the write with 503 and stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:key-seams;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class KeySeamsTests {

	/**
	 * While set, every call to the key provider fails, as an unreachable KMS or Vault.
	 */
	static final AtomicBoolean providerDown = new AtomicBoolean();

	/**
	 * While set, the data-key table cannot be written, as a database that went away at
	 * that moment.
	 */
	static final AtomicBoolean keyTableDown = new AtomicBoolean();

	@LocalServerPort
	int port;

	@Autowired
	DataKeyManager keys;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UserAccountService accounts;

	Api api;

	@BeforeEach
	void connect() {
		this.api = new Api(this.port);
	}

	@AfterEach
	void heal() {
		providerDown.set(false);
		keyTableDown.set(false);
	}

	@Test
	void withTheKeyProviderDownLoginAnswersTheSameForExistingAndMissingUsers() {
		TestUser user = this.api.newUser("kms-down");
		// no unwrapped key left in memory: anything that decrypted would have to call the
		// provider
		this.keys.clearCache();
		providerDown.set(true);

		Response existingWrong = this.api.login(user.username(), "wrong-password-1");
		Response missingWrong = this.api.login(Api.unique("nobody"), "wrong-password-1");
		assertThat(existingWrong.status()).isEqualTo(401);
		assertThat(missingWrong.status()).isEqualTo(401);
		assertThat(existingWrong.json().get("error").asString()).isEqualTo(missingWrong.json().get("error").asString());
		// the right password still logs in: a login needs no data key
		Response right = this.api.login(user.username(), user.password());
		assertThat(right.status()).isEqualTo(200);
		assertThat(right.json().get("access_token").asString()).isNotBlank();
	}

	@Test
	void withTheKeyProviderDownTheTokenUserCheckStillReadsTheUser() {
		TestUser user = this.api.newUser("check-kms-down");
		this.keys.clearCache();
		providerDown.set(true);
		// the check behind every authenticated request (once per user-check-ttl) reads
		// nothing encrypted
		assertThat(this.accounts.findBySubject(Long.toString(user.id()))).hasValueSatisfying((account) -> {
			assertThat(account.username()).isEqualTo(user.username());
			assertThat(account.roles()).containsExactly("USER");
		});
		// and so does the password rehash a login may write
		this.accounts.updatePasswordHash(Long.toString(user.id()), "{noop}rehashed");
		providerDown.set(false);
		assertThat(this.jdbc.queryForObject("SELECT password_hash FROM users WHERE id = ?", String.class, user.id()))
			.isEqualTo("{noop}rehashed");
	}

	@Test
	void aDataKeyThatCannotBeStoredFailsTheWriteWith503AndStoresNothing() {
		String name = Api.unique("keyless");
		int keysBefore = count("secure_api_data_key");
		// the next write needs a new data key, and the key table is unreachable at that
		// moment
		this.keys.clearCache();
		keyTableDown.set(true);
		Response refused = this.api.register(name, "long-enough-1");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.header("Retry-After")).isNotBlank();
		assertThat(refused.body()).doesNotContain(name).doesNotContain("Exception");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE username = ?", Integer.class, name))
			.isZero();
		assertThat(count("secure_api_data_key")).isEqualTo(keysBefore);

		keyTableDown.set(false);
		assertThat(this.api.register(name, "long-enough-1").status()).isEqualTo(201);
		this.keys.clearCache();
		assertThat(
				this.api.get("/api/v1/users/me", this.api.token(name, "long-enough-1")).json().get("email").asString())
			.isEqualTo(name.toLowerCase() + "@example.test");
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ApiTestSupport.register(registry);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Outages {

		@Bean
		static BeanPostProcessor switchableKeyProvider() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof KeyProvider provider) ? new SwitchableKeyProvider(provider) : bean;
				}

			};
		}

		@Bean
		JdbcDataKeyStore keyTable(DataSource dataSource) {
			return new JdbcDataKeyStore(new DelegatingDataSource(dataSource) {

				@Override
				public Connection getConnection() throws SQLException {
					if (keyTableDown.get()) {
						throw new SQLTransientConnectionException("Connection refused", "08001");
					}
					return super.getConnection();
				}

			});
		}

	}

	record SwitchableKeyProvider(KeyProvider delegate) implements KeyProvider {

		@Override
		public String name() {
			return this.delegate.name();
		}

		@Override
		public GeneratedDataKey generateDataKey() {
			failIfDown();
			return this.delegate.generateDataKey();
		}

		@Override
		public byte[] decryptDataKey(WrappedDataKey wrapped) {
			failIfDown();
			return this.delegate.decryptDataKey(wrapped);
		}

		@Override
		public WrappedDataKey rewrap(WrappedDataKey wrapped) {
			failIfDown();
			return this.delegate.rewrap(wrapped);
		}

		private static void failIfDown() {
			if (providerDown.get()) {
				throw new KeyProviderException("Key provider '" + "test" + "' is unreachable");
			}
		}

	}

}
