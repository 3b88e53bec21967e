package dev.secureapi.crypto;

import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import dev.secureapi.crypto.support.TestKeys;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The key table's insert is independent of the caller's transaction, and fails cleanly
 * (instead of waiting for ever) when the pool has no connection to spare.
 */
class JdbcDataKeyStoreTests {

	private static final FieldContext NOTE = new FieldContext("notes", "body");

	private final KeyProvider provider = TestKeys.localProvider();

	private final HikariDataSource dataSource = dataSource(2);

	@AfterEach
	void close() {
		this.dataSource.close();
	}

	@Test
	void aKeyMadeInsideAJdbcTransactionThatRollsBackStaysStored() {
		DataKeyManager keys = manager(this.dataSource);
		FieldEncryptor encryptor = new FieldEncryptor(keys, CryptoMetrics.NONE);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		String[] written = new String[1];
		transactions.executeWithoutResult((status) -> {
			written[0] = encryptor.encrypt("hello", NOTE);
			status.setRollbackOnly();
		});
		UUID keyId = FieldEncryptor.keyIdOf(written[0]);
		assertThat(new JdbcTemplate(this.dataSource)
			.queryForObject("SELECT COUNT(*) FROM secure_api_data_key WHERE id = ?", Integer.class, keyId.toString()))
			.isOne();
		assertThat(new FieldEncryptor(manager(this.dataSource), CryptoMetrics.NONE).decrypt(written[0], NOTE))
			.isEqualTo("hello");
	}

	@Test
	void withNoSpareConnectionTheWriteFailsAndTheKeyIsNeverUsed() {
		try (HikariDataSource single = dataSource(1)) {
			DataKeyManager keys = manager(single);
			FieldEncryptor encryptor = new FieldEncryptor(keys, CryptoMetrics.NONE);
			TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(single));
			// the transaction holds the pool's only connection while the key insert asks
			// for another
			assertThatExceptionOfType(DataKeyStoreException.class)
				.isThrownBy(() -> transactions.executeWithoutResult((status) -> encryptor.encrypt("hello", NOTE)))
				.withMessageContaining("could not be stored");
			assertThat(keys.activeKeyId()).isEmpty();
			assertThat(
					new JdbcTemplate(single).queryForObject("SELECT COUNT(*) FROM secure_api_data_key", Integer.class))
				.isZero();
			// outside a transaction the connection is free again
			String written = encryptor.encrypt("hello", NOTE);
			assertThat(new FieldEncryptor(manager(single), CryptoMetrics.NONE).decrypt(written, NOTE))
				.isEqualTo("hello");
		}
	}

	private DataKeyManager manager(javax.sql.DataSource dataSource) {
		return new DataKeyManager(this.provider, new JdbcDataKeyStore(dataSource),
				new DataKeyManager.Limits(Duration.ofMinutes(15), 100, 1000), new MutableClock(), CryptoMetrics.NONE);
	}

	private static HikariDataSource dataSource(int poolSize) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		dataSource.setMaximumPoolSize(poolSize);
		dataSource.setConnectionTimeout(250);
		new ResourceDatabasePopulator(
				new ClassPathResource("db/secure-api-crypto/V0_2__secure_api_crypto_data_key.sql"))
			.execute(dataSource);
		return dataSource;
	}

}
