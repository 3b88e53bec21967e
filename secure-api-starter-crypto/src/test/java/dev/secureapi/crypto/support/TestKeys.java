package dev.secureapi.crypto.support;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.secureapi.crypto.CryptoMetrics;
import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.DataKeyStore;
import dev.secureapi.crypto.KeyProvider;
import dev.secureapi.crypto.provider.LocalKeyProvider;

/**
 * Builds the envelope from real parts for unit tests.
 */
public final class TestKeys {

	private TestKeys() {
	}

	public static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	public static LocalKeyProvider localProvider() {
		return new LocalKeyProvider(Map.of("test", randomKey()), "test");
	}

	public static DataKeyManager manager(KeyProvider provider, DataKeyStore store) {
		return manager(provider, store, Clock.systemUTC(),
				new DataKeyManager.Limits(Duration.ofMinutes(15), 1000, 1L << 24));
	}

	public static DataKeyManager manager(KeyProvider provider, DataKeyStore store, Clock clock,
			DataKeyManager.Limits limits) {
		return new DataKeyManager(provider, store, limits, clock, CryptoMetrics.NONE);
	}

}
