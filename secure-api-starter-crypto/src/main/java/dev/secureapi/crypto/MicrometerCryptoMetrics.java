package dev.secureapi.crypto;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Reports field encryption to Micrometer: {@code secure_api.crypto.provider.requests}
 * (timer by provider, operation, outcome), {@code secure_api.crypto.data_key_cache}
 * (counter by result hit/miss), {@code secure_api.crypto.encryptions} and
 * {@code secure_api.crypto.decryptions} (counters, decryptions by outcome and failure
 * reason).
 */
class MicrometerCryptoMetrics implements CryptoMetrics {

	private final MeterRegistry registry;

	private final Counter hits;

	private final Counter misses;

	private final Counter encryptions;

	private final Counter decryptions;

	MicrometerCryptoMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.hits = Counter.builder("secure_api.crypto.data_key_cache").tag("result", "hit").register(registry);
		this.misses = Counter.builder("secure_api.crypto.data_key_cache").tag("result", "miss").register(registry);
		this.encryptions = Counter.builder("secure_api.crypto.encryptions").register(registry);
		this.decryptions = Counter.builder("secure_api.crypto.decryptions")
			.tag("outcome", "success")
			.tag("reason", "none")
			.register(registry);
	}

	@Override
	public void providerCall(String provider, String operation, boolean success, Duration duration) {
		Timer.builder("secure_api.crypto.provider.requests")
			.tag("provider", provider)
			.tag("operation", operation)
			.tag("outcome", success ? "success" : "failure")
			.register(this.registry)
			.record(duration);
	}

	@Override
	public void cacheLookup(boolean hit) {
		(hit ? this.hits : this.misses).increment();
	}

	@Override
	public void encrypted() {
		this.encryptions.increment();
	}

	@Override
	public void decrypted(FieldDecryptionException.@Nullable Reason failure) {
		if (failure == null) {
			this.decryptions.increment();
			return;
		}
		Counter.builder("secure_api.crypto.decryptions")
			.tag("outcome", "failure")
			.tag("reason", failure.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

}
