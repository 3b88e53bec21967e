package dev.secureapi.crypto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.secureapi.crypto.support.InMemoryDataKeyStore;
import dev.secureapi.crypto.support.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A key provider that hangs until its timeout and then fails: writers that were waiting
 * for the same new data key share that one failure, instead of each calling the provider
 * in turn (with N waiting writers the last one would have waited N timeouts).
 */
class DataKeyManagerOutageTests {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	@Test
	void writersWaitingForANewDataKeyShareOneFailedProviderCall() throws Exception {
		AtomicInteger generateCalls = new AtomicInteger();
		KeyProvider local = TestKeys.localProvider();
		KeyProvider timingOut = new KeyProvider() {

			@Override
			public String name() {
				return local.name();
			}

			@Override
			public GeneratedDataKey generateDataKey() {
				generateCalls.incrementAndGet();
				try {
					Thread.sleep(500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new KeyProviderException("Key provider timed out");
			}

			@Override
			public byte[] decryptDataKey(WrappedDataKey wrapped) {
				return local.decryptDataKey(wrapped);
			}

			@Override
			public WrappedDataKey rewrap(WrappedDataKey wrapped) {
				return local.rewrap(wrapped);
			}

		};
		FieldEncryptor encryptor = new FieldEncryptor(TestKeys.manager(timingOut, new InMemoryDataKeyStore()),
				CryptoMetrics.NONE);
		int writers = 6;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<Boolean>> refused = new ArrayList<>();
			for (int i = 0; i < writers; i++) {
				refused.add(pool.submit(() -> {
					start.await();
					try {
						encryptor.encrypt("someone@example.com", EMAIL);
						return false;
					}
					catch (KeyProviderException ex) {
						return true;
					}
				}));
			}
			start.countDown();
			for (Future<Boolean> future : refused) {
				assertThat(future.get(30, TimeUnit.SECONDS)).as("the write was refused").isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(generateCalls).as("provider calls for the waiting writers").hasValue(1);
	}

	@Test
	void afterAFailedProviderCallTheBackoffRefusesFurtherCallsWithoutCallingTheProvider() {
		AtomicInteger calls = new AtomicInteger();
		AtomicBoolean down = new AtomicBoolean();
		KeyProvider local = TestKeys.localProvider();
		KeyProvider failing = new KeyProvider() {

			@Override
			public String name() {
				return local.name();
			}

			@Override
			public GeneratedDataKey generateDataKey() {
				calls.incrementAndGet();
				if (down.get()) {
					throw new KeyProviderException("Key provider timed out");
				}
				return local.generateDataKey();
			}

			@Override
			public byte[] decryptDataKey(WrappedDataKey wrapped) {
				calls.incrementAndGet();
				if (down.get()) {
					throw new KeyProviderException("Key provider timed out");
				}
				return local.decryptDataKey(wrapped);
			}

			@Override
			public WrappedDataKey rewrap(WrappedDataKey wrapped) {
				return local.rewrap(wrapped);
			}

		};
		InMemoryDataKeyStore store = new InMemoryDataKeyStore();
		DataKeyManager keys = TestKeys.manager(failing, store);
		keys.setProviderBackoff(Duration.ofMinutes(5));
		FieldEncryptor encryptor = new FieldEncryptor(keys, CryptoMetrics.NONE);
		String stored = encryptor.encrypt("someone@example.com", EMAIL);
		keys.clearCache();
		down.set(true);
		int before = calls.get();
		assertThatExceptionOfType(KeyProviderException.class)
			.isThrownBy(() -> encryptor.encrypt("other@example.com", EMAIL));
		assertThat(calls.get()).as("the failed call").isEqualTo(before + 1);
		assertThatExceptionOfType(KeyProviderException.class)
			.isThrownBy(() -> encryptor.encrypt("third@example.com", EMAIL));
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> encryptor.decrypt(stored, EMAIL));
		assertThat(calls.get()).as("calls during the back-off").isEqualTo(before + 1);

		down.set(false);
		keys.setProviderBackoff(Duration.ZERO);
		assertThat(encryptor.decrypt(stored, EMAIL)).as("once the back-off is over").isEqualTo("someone@example.com");
	}

}
