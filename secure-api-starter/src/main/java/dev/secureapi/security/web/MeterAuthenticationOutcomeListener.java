package dev.secureapi.security.web;

import dev.secureapi.security.jwt.InvalidTokenException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts bearer-token outcomes as {@code secure_api.auth} with the tags {@code outcome} ({@code success} or
 * {@code failure}) and {@code reason} (for failures: {@code expired}, {@code bad_signature}, {@code revoked},
 * {@code malformed}, ...). Never tagged by user or token, so the number of series stays small.
 */
class MeterAuthenticationOutcomeListener implements AuthenticationOutcomeListener {

	/** The meter name. */
	public static final String METER = "secure_api.auth";

	private final ObjectProvider<MeterRegistry> registry;

	/**
	 * Creates a listener.
	 * @param registry the registry, resolved when the first outcome is counted
	 */
	MeterAuthenticationOutcomeListener(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void authenticated() {
		count("success", "none");
	}

	@Override
	public void rejected(InvalidTokenException.Reason reason) {
		count("failure", reason.tag());
	}

	private void count(String outcome, String reason) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters != null) {
			Counter.builder(METER)
				.description("Bearer-token authentication outcomes")
				.tag("outcome", outcome)
				.tag("reason", reason)
				.register(meters)
				.increment();
		}
	}

}
