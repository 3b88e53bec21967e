package dev.secureapi.ratelimit;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether the rate-limit backend answers, as the last calls to it found. No key
 * or count is reported. When requests are let through during an outage
 * ({@code fail-open}) the application still serves, so the indicator stays UP and reports
 * {@code reachable: false}; when they are refused it is DOWN.
 */
class RateLimitBackendHealthIndicator extends AbstractHealthIndicator {

	private final RateLimitBackend backend;

	private final boolean failOpen;

	/**
	 * Creates an indicator.
	 * @param backend the backend
	 * @param failOpen whether requests are admitted while the backend is unreachable
	 */
	RateLimitBackendHealthIndicator(RateLimitBackend backend, boolean failOpen) {
		super("Rate-limit backend health check failed");
		this.backend = backend;
		this.failOpen = failOpen;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("backend", (this.backend instanceof LocalRateLimitBackend) ? "local" : "redis")
			.withDetail("fail-open", this.failOpen)
			.withDetail("reachable", this.backend.isAvailable());
		if (this.backend.isAvailable() || this.failOpen) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
