package dev.secureapi.security.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.util.Assert;

/**
 * A {@link RejectedRequestsCounter} backed by a Micrometer counter per reason.
 */
class MicrometerRejectedRequestsCounter implements RejectedRequestsCounter {

	private static final Pattern REASON = Pattern.compile("[a-z0-9_]{1,32}");

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Creates a counter.
	 * @param registry the registry to register counters in
	 */
	MicrometerRejectedRequestsCounter(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void increment(String reason) {
		this.counters.computeIfAbsent(reason, this::register).increment();
	}

	private Counter register(String reason) {
		// a reason is a fixed word, never request data: anything else would let clients
		// blow up the tag cardinality
		Assert.isTrue(REASON.matcher(reason).matches(),
				() -> "Rejection reason '" + reason + "' must match " + REASON.pattern());
		return Counter.builder(METRIC_NAME)
			.description("Requests refused by secure-api before reaching the application")
			.tag(REASON_TAG, reason)
			.register(this.registry);
	}

}
