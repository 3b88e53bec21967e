package dev.secureapi.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts checks in {@code secure_api.ratelimit.requests{policy,outcome}}. Each counter is
 * registered once and kept: this runs on every limited request, where a registry lookup
 * per call would cost more than the check.
 */
class MicrometerRateLimitRecorder implements RateLimitRecorder {

	/** The counter's name. */
	public static final String METER_NAME = "secure_api.ratelimit.requests";

	private final ObjectProvider<MeterRegistry> registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Creates a recorder.
	 * @param registry the registry, resolved on first use; nothing is recorded while
	 * there is none
	 */
	MicrometerRateLimitRecorder(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void record(String policy, Outcome outcome) {
		Counter counter = this.counters.get(policy + '\n' + outcome.tagValue());
		if (counter == null) {
			counter = register(policy, outcome);
		}
		if (counter != null) {
			counter.increment();
		}
	}

	private @Nullable Counter register(String policy, Outcome outcome) {
		MeterRegistry meterRegistry = this.registry.getIfAvailable();
		if (meterRegistry == null) {
			return null;
		}
		return this.counters.computeIfAbsent(policy + '\n' + outcome.tagValue(),
				(key) -> Counter.builder(METER_NAME)
					.description("Requests checked against rate-limit policies")
					.tag("policy", policy)
					.tag("outcome", outcome.tagValue())
					.register(meterRegistry));
	}

}
