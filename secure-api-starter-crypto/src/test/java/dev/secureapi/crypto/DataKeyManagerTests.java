package dev.secureapi.crypto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.secureapi.crypto.support.CountingKeyProvider;
import dev.secureapi.crypto.support.InMemoryDataKeyStore;
import dev.secureapi.crypto.support.TestKeys;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The envelope's data-key cache and usage limits.
 */
class DataKeyManagerTests {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	private final InMemoryDataKeyStore store = new InMemoryDataKeyStore();

	private final CountingKeyProvider provider = new CountingKeyProvider(TestKeys.localProvider());

	private final MutableClock clock = new MutableClock();

	@Test
	void tenThousandWritesAndReadsCostOneProviderCall() {
		FieldEncryptor encryptor = encryptor(new DataKeyManager.Limits(Duration.ofMinutes(15), 1000, 1L << 24));
		List<String> stored = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			stored.add(encryptor.encrypt("user" + i + "@example.com", EMAIL));
		}
		for (int i = 0; i < stored.size(); i++) {
			assertThat(encryptor.decrypt(stored.get(i), EMAIL)).isEqualTo("user" + i + "@example.com");
		}
		assertThat(this.provider.calls()).isEqualTo(1);
		assertThat(this.store.findAll()).hasSize(1);
	}

	@Test
	void concurrentWritersAndReadersShareOneDataKey() throws Exception {
		FieldEncryptor encryptor = encryptor(new DataKeyManager.Limits(Duration.ofMinutes(15), 1000, 1L << 24));
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					for (int i = 0; i < 2500; i++) {
						String value = "t" + thread + "-" + i;
						if (!encryptor.decrypt(encryptor.encrypt(value, EMAIL), EMAIL).equals(value)) {
							return false;
						}
					}
					return true;
				}));
			}
			for (java.util.concurrent.Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(this.provider.calls()).isEqualTo(1);
	}

	@Test
	void dataKeyIsReplacedAfterMaxUses() {
		FieldEncryptor encryptor = encryptor(new DataKeyManager.Limits(Duration.ofMinutes(15), 1000, 100));
		Set<java.util.UUID> keyIds = new HashSet<>();
		for (int i = 0; i < 250; i++) {
			keyIds.add(FieldEncryptor.keyIdOf(encryptor.encrypt("v" + i, EMAIL)));
		}
		assertThat(keyIds).hasSize(3);
		assertThat(this.provider.generateCalls()).isEqualTo(3);
	}

	@Test
	void dataKeyIsReplacedAfterMaxAgeAndOldValuesStayReadable() {
		FieldEncryptor encryptor = encryptor(new DataKeyManager.Limits(Duration.ofMinutes(15), 1000, 1L << 24));
		String before = encryptor.encrypt("before", EMAIL);
		this.clock.advance(Duration.ofMinutes(16));
		String after = encryptor.encrypt("after", EMAIL);
		assertThat(FieldEncryptor.keyIdOf(after)).isNotEqualTo(FieldEncryptor.keyIdOf(before));
		assertThat(encryptor.decrypt(before, EMAIL)).isEqualTo("before");
		assertThat(this.provider.generateCalls()).isEqualTo(2);
		assertThat(this.provider.decryptCalls()).isEqualTo(1);
	}

	@Test
	void cacheHoldsAtMostMaxEntriesKeys() {
		DataKeyManager keys = TestKeys.manager(this.provider, this.store, this.clock,
				new DataKeyManager.Limits(Duration.ofMinutes(15), 2, 1));
		FieldEncryptor encryptor = new FieldEncryptor(keys, CryptoMetrics.NONE);
		List<String> stored = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			stored.add(encryptor.encrypt("v" + i, EMAIL));
		}
		assertThat(this.provider.decryptCalls()).isZero();
		// which key the bounded cache dropped is Caffeine's choice; that one of the three
		// was dropped is ours
		for (int i = 0; i < 3; i++) {
			assertThat(encryptor.decrypt(stored.get(i), EMAIL)).isEqualTo("v" + i);
		}
		assertThat(this.provider.decryptCalls()).isPositive();
	}

	@Test
	void unreachableProviderFailsTheWriteWithKeyProviderException() {
		FieldEncryptor encryptor = encryptor(new DataKeyManager.Limits(Duration.ofMinutes(15), 1000, 1L << 24));
		this.provider.failing(true);
		assertThatExceptionOfType(KeyProviderException.class)
			.isThrownBy(() -> encryptor.encrypt("alice@example.com", EMAIL));
		assertThat(this.store.findAll()).isEmpty();
	}

	@Test
	void unreachableProviderFailsReadsOfUncachedKeys() {
		FieldEncryptor encryptor = encryptor(new DataKeyManager.Limits(Duration.ofMinutes(15), 1000, 1L << 24));
		String stored = encryptor.encrypt("alice@example.com", EMAIL);
		this.clock.advance(Duration.ofMinutes(20));
		this.provider.failing(true);
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> encryptor.decrypt(stored, EMAIL));
		this.provider.failing(false);
		assertThat(encryptor.decrypt(stored, EMAIL)).isEqualTo("alice@example.com");
	}

	@Test
	void wrongMasterKeyCannotUnwrapTheKeyTable() {
		FieldEncryptor encryptor = encryptor(new DataKeyManager.Limits(Duration.ofMinutes(15), 1000, 1L << 24));
		String stored = encryptor.encrypt("alice@example.com", EMAIL);
		DataKeyManager otherKeys = TestKeys.manager(TestKeys.localProvider(), this.store);
		FieldEncryptor other = new FieldEncryptor(otherKeys, CryptoMetrics.NONE);
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> other.decrypt(stored, EMAIL));
	}

	@Test
	void rewrapMovesTheKeyTableToANewMasterKeyAndLeavesValuesAlone() {
		byte[] oldMaster = TestKeys.randomKey();
		DataKeyManager oldKeys = TestKeys.manager(
				new dev.secureapi.crypto.provider.LocalKeyProvider(java.util.Map.of("m1", oldMaster), "m1"),
				this.store);
		String stored = new FieldEncryptor(oldKeys, CryptoMetrics.NONE).encrypt("alice@example.com", EMAIL);
		DataKeyManager newKeys = TestKeys.manager(new dev.secureapi.crypto.provider.LocalKeyProvider(
				java.util.Map.of("m1", oldMaster, "m2", TestKeys.randomKey()), "m2"), this.store);
		assertThat(newKeys.rewrapAll()).isEqualTo(1);
		assertThat(this.store.findAll())
			.allSatisfy((key) -> assertThat(key.wrapped().masterKeyReference()).isEqualTo("m2"));
		assertThat(new FieldEncryptor(newKeys, CryptoMetrics.NONE).decrypt(stored, EMAIL))
			.isEqualTo("alice@example.com");
	}

	private FieldEncryptor encryptor(DataKeyManager.Limits limits) {
		return new FieldEncryptor(TestKeys.manager(this.provider, this.store, this.clock, limits), CryptoMetrics.NONE);
	}

}
