package dev.secureapi.security.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

import dev.secureapi.security.jwt.InvalidTokenException;

/**
 * Counts bearer-token outcomes as {@code secure_api.auth} with the tags {@code outcome}
 * ({@code success} or {@code failure}) and {@code reason} (for failures: {@code expired},
 * {@code bad_signature}, {@code revoked}, {@code malformed}, ...). Never tagged by user
 * or token, so the number of series stays small.
 */
class MeterAuthenticationOutcomeListener implements AuthenticationOutcomeListener {

	/** The meter name. */
	public static final String METER = "secure_api.auth";

	private final ObjectProvider<MeterRegistry> registry;

	/**
	 * The registry once resolved: looking it up is a bean-factory search, too costly for
	 * every request.
	 */
	private volatile @Nullable MeterRegistry meters;

	/**
	 * One counter per outcome and reason, registered once (the set of reasons is small
	 * and fixed).
	 */
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Creates a listener.
	 * @param registry the registry, resolved when the first outcome is counted
	 */
	MeterAuthenticationOutcomeListener(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void authenticated() {
		count("success", "none", "success/none");
	}

	@Override
	public void rejected(InvalidTokenException.Reason reason) {
		count("failure", reason.tag(), "failure/" + reason.tag());
	}

	private void count(String outcome, String reason, String key) {
		MeterRegistry meters = this.meters;
		if (meters == null) {
			meters = this.registry.getIfAvailable();
			if (meters == null) {
				return;
			}
			this.meters = meters;
		}
		MeterRegistry registry = meters;
		this.counters
			.computeIfAbsent(key,
					(name) -> Counter.builder(METER)
						.description("Bearer-token authentication outcomes")
						.tag("outcome", outcome)
						.tag("reason", reason)
						.register(registry))
			.increment();
	}

}
