package dev.secureapi.crypto.jpa;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.secureapi.crypto.CryptoMetrics;
import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.FieldDecryptionException;
import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.crypto.JdbcDataKeyStore;
import dev.secureapi.crypto.blindindex.BlindIndexer;
import dev.secureapi.crypto.rotation.CryptoRotationService;
import dev.secureapi.crypto.rotation.KeyInUseException;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @Encrypted} attributes through Spring Data JPA and Hibernate, on a real
 * database.
 */
abstract class AbstractEncryptedEntityTests {

	static final String[] PROPERTIES = {
			"spring.flyway.locations=classpath:db/secure-api-crypto,classpath:db/crypto-test",
			"spring.jpa.hibernate.ddl-auto=none", "spring.jpa.properties.hibernate.generate_statistics=true",
			"spring.jpa.open-in-view=false", "secure-api.crypto.blind-index.key=" + "A".repeat(43) + "=",
			"logging.level.org.hibernate.engine.internal.StatisticalLoggingSessionEventListener=warn" };

	private static final FieldContext EMAIL = new FieldContext("customers", "email");

	@Autowired
	CustomerRepository customers;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	BlindIndexer indexer;

	@Autowired
	CryptoRotationService rotation;

	@Autowired
	DataKeyManager keys;

	@Autowired
	FieldEncryptor encryptor;

	@Autowired
	MutableClock clock;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void clean() {
		this.jdbc.update("DELETE FROM customers");
	}

	@Test
	void emailColumnHoldsNoPlaintext() {
		save("Alice", "alice@example.com", "+44 20 7946 0000");
		Map<String, Object> row = this.jdbc.queryForMap("SELECT email, phone FROM customers");
		assertThat((String) row.get("email")).startsWith("saf:").doesNotContain("alice").doesNotContain("example");
		assertThat((String) row.get("phone")).startsWith("saf:").doesNotContain("7946");
	}

	@Test
	void repositoryReadsThePlaintextBack() {
		Long id = save("Alice", "alice@example.com", null).getId();
		Customer loaded = this.customers.findById(id).orElseThrow();
		assertThat(loaded.getEmail()).isEqualTo("alice@example.com");
		assertThat(loaded.getPhone()).isNull();
	}

	@Test
	void readingEncryptedEntitiesIssuesNoUpdate() {
		for (int i = 0; i < 5; i++) {
			save("User" + i, "user" + i + "@example.com", "+1 555 010" + i);
		}
		Statistics statistics = statistics();
		statistics.clear();
		this.transactions.executeWithoutResult((status) -> {
			List<Customer> all = this.customers.findAll();
			assertThat(all).extracting(Customer::getEmail).allMatch((email) -> email.endsWith("@example.com"));
		});
		assertThat(statistics.getEntityUpdateCount()).isZero();
		assertThat(statistics.getPrepareStatementCount()).isEqualTo(1);
		List<String> before = this.jdbc.queryForList("SELECT email FROM customers ORDER BY id", String.class);
		this.transactions.executeWithoutResult((status) -> this.customers.findAll());
		assertThat(this.jdbc.queryForList("SELECT email FROM customers ORDER BY id", String.class)).isEqualTo(before);
	}

	@Test
	void changingAnEncryptedAttributeIssuesOneUpdate() {
		Long id = save("Alice", "alice@example.com", null).getId();
		Statistics statistics = statistics();
		statistics.clear();
		this.transactions.executeWithoutResult((status) -> this.customers.findById(id).orElseThrow().setName("Al"));
		assertThat(statistics.getEntityUpdateCount()).isEqualTo(1);
		assertThat(this.customers.findById(id).orElseThrow().getEmail()).isEqualTo("alice@example.com");
	}

	@Test
	void contextIsThePhysicalTableAndColumnName() {
		Customer customer = new Customer("Alice", "alice@example.com",
				this.indexer.exactIndex(EMAIL, "alice@example.com"), null);
		customer.setPostalAddress("1 Main Street");
		Long id = this.customers.save(customer).getId();
		String stored = this.jdbc.queryForObject("SELECT postal_address FROM customers WHERE id = ?", String.class, id);
		assertThat(this.encryptor.decrypt(stored, new FieldContext("customers", "postal_address")))
			.isEqualTo("1 Main Street");
	}

	@Test
	void lookupByEmailWorksThroughTheBlindIndex() {
		save("Alice", "alice@example.com", null);
		save("Bob", "bob@example.com", null);
		assertThat(this.customers.findByEmailIndex(this.indexer.exactIndex(EMAIL, "  Alice@Example.COM "))).get()
			.extracting(Customer::getName)
			.isEqualTo("Alice");
		assertThat(this.customers.findByEmailIndex(this.indexer.exactIndex(EMAIL, "carol@example.com"))).isEmpty();
	}

	@Test
	void blindIndexEnforcesEmailUniqueness() {
		save("Alice", "alice@example.com", null);
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> save("Alice again", "ALICE@example.com", null));
	}

	@Test
	void ciphertextCopiedToAnotherColumnFailsToDecrypt() {
		Long id = save("Alice", "alice@example.com", "+44 20 7946 0000").getId();
		this.jdbc.update("UPDATE customers SET phone = email WHERE id = ?", id);
		assertThatExceptionOfType(FieldDecryptionException.class).isThrownBy(() -> this.customers.findById(id))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo(FieldDecryptionException.Reason.AUTHENTICATION_FAILED));
	}

	@Test
	void fullRotationLeavesEveryRowReadable() {
		for (int i = 0; i < 25; i++) {
			save("User" + i, "user" + i + "@example.com", "+1 555 01" + i);
		}
		UUID oldKey = FieldEncryptor
			.keyIdOf(this.jdbc.queryForObject("SELECT MIN(email) FROM customers", String.class));
		assertThat(this.rotation.rotateDataKey()).isNotEqualTo(oldKey);
		assertThat(this.rotation.backlog()).isEqualTo(50);
		// the old key may still be another instance's active key until max-age has passed
		assertThatExceptionOfType(KeyInUseException.class).isThrownBy(() -> this.rotation.retire(oldKey))
			.withMessageContaining("may still be encrypting");
		this.clock.advance(Duration.ofMinutes(16));
		UUID newKey = this.rotation.rotateDataKey();
		assertThatExceptionOfType(KeyInUseException.class).isThrownBy(() -> this.rotation.retire(oldKey))
			.satisfies((ex) -> assertThat(ex.getRows()).isEqualTo(50));

		assertThat(this.rotation.reencrypt(10)).containsEntry("customers.email", 25L)
			.containsEntry("customers.phone", 25L);
		assertThat(this.rotation.backlog()).isZero();
		// one optimistic-locked update per re-encrypted column
		assertThat(this.jdbc.queryForList("SELECT version FROM customers", Long.class)).containsOnly(2L);
		assertThat(this.rotation.reencrypt(10)).containsEntry("customers.email", 0L);

		this.rotation.retire(oldKey);
		this.keys.clearCache();
		assertThat(this.customers.findAll()).hasSize(25)
			.allSatisfy((customer) -> assertThat(customer.getEmail()).endsWith("@example.com"));
		assertThat(this.jdbc.queryForList("SELECT email FROM customers", String.class))
			.allMatch((email) -> email.startsWith(FieldEncryptor.textPrefixOf(newKey)));
	}

	@Test
	void retiredKeyNoLongerDecrypts() {
		Long id = save("Alice", "alice@example.com", null).getId();
		String stored = this.jdbc.queryForObject("SELECT email FROM customers WHERE id = ?", String.class, id);
		UUID oldKey = FieldEncryptor.keyIdOf(stored);
		this.clock.advance(Duration.ofMinutes(16));
		this.rotation.rotateDataKey();
		this.rotation.reencrypt(100);
		this.rotation.retire(oldKey);
		this.jdbc.update("UPDATE customers SET email = ? WHERE id = ?", stored, id);
		assertThatExceptionOfType(FieldDecryptionException.class).isThrownBy(() -> this.customers.findById(id))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FieldDecryptionException.Reason.UNKNOWN_KEY));
	}

	@Test
	void aRolledBackWriteStrandsNoValueEncryptedUnderTheKeyItMade() {
		// the next write makes a new data key, inside its own transaction, which then
		// rolls back
		this.keys.clearCache();
		AtomicReference<UUID> madeInRolledBack = new AtomicReference<>();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
				this.customers.saveAndFlush(new Customer("Rolled back", "gone@example.com",
						this.indexer.exactIndex(EMAIL, "gone@example.com"), null));
				madeInRolledBack.set(this.keys.activeKeyId().orElseThrow());
				throw new IllegalStateException("the write fails after the flush");
			}));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM customers", Integer.class)).isZero();
		// a later write on this instance reuses the cached key
		Long id = save("Alice", "alice@example.com", "+44 20 7946 0000").getId();
		String stored = this.jdbc.queryForObject("SELECT email FROM customers WHERE id = ?", String.class, id);
		assertThat(FieldEncryptor.keyIdOf(stored)).isEqualTo(madeInRolledBack.get());

		// another instance (its own key cache and key table reader) decrypts it
		DataKeyManager otherInstance = new DataKeyManager(this.keys.getProvider(),
				new JdbcDataKeyStore(this.dataSource), new DataKeyManager.Limits(Duration.ofMinutes(15), 100, 1000),
				this.clock, CryptoMetrics.NONE);
		assertThat(new FieldEncryptor(otherInstance, CryptoMetrics.NONE).decrypt(stored, EMAIL))
			.isEqualTo("alice@example.com");
		// and so does this one once its cache is gone (max-age, restart)
		this.keys.clearCache();
		assertThat(this.customers.findById(id).orElseThrow().getEmail()).isEqualTo("alice@example.com");
	}

	private Customer save(String name, String email, String phone) {
		return this.customers.save(new Customer(name, email, this.indexer.exactIndex(EMAIL, email), phone));
	}

	private Statistics statistics() {
		return this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
	}

}
