package dev.secureapi.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts checks in {@code secure_api.ratelimit.requests{policy,outcome}}.
 */
public class MicrometerRateLimitRecorder implements RateLimitRecorder {

	/** The counter's name. */
	public static final String METER_NAME = "secure_api.ratelimit.requests";

	private final ObjectProvider<MeterRegistry> registry;

	/**
	 * Creates a recorder.
	 * @param registry the registry, resolved on first use; nothing is recorded while there is none
	 */
	public MicrometerRateLimitRecorder(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void record(String policy, Outcome outcome) {
		MeterRegistry meterRegistry = this.registry.getIfAvailable();
		if (meterRegistry != null) {
			Counter.builder(METER_NAME)
				.description("Requests checked against rate-limit policies")
				.tag("policy", policy)
				.tag("outcome", outcome.tagValue())
				.register(meterRegistry)
				.increment();
		}
	}

}
