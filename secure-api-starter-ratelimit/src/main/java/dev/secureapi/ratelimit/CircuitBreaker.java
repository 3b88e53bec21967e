package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops calling a backend for a while after it failed, so an outage costs each request
 * nothing instead of the command timeout. After the open duration one request at a time
 * probes the backend; its success closes the circuit. Opening and closing are logged once
 * each, so an outage is logged once, not once per request.
 *
 * <p>
 * Not Resilience4j: one failure opens this breaker and one probe closes it, with no
 * sliding window, metrics registry or configuration to map; that is some 40 lines against
 * a new runtime dependency for every user of the starter.
 */
final class CircuitBreaker {

	private static final Log logger = LogFactory.getLog(CircuitBreaker.class);

	private final String name;

	private final long openNanos;

	private final AtomicBoolean open = new AtomicBoolean();

	private final AtomicBoolean probing = new AtomicBoolean();

	private final AtomicLong retryAt = new AtomicLong();

	CircuitBreaker(String name, Duration openDuration) {
		this.name = name;
		this.openNanos = openDuration.toNanos();
	}

	/**
	 * Whether a call may go to the backend now.
	 * @return {@code true} when the circuit is closed, or when this caller is the one
	 * probe of a half-open circuit
	 */
	boolean tryAcquire() {
		if (!this.open.get()) {
			return true;
		}
		if (System.nanoTime() - this.retryAt.get() < 0) {
			return false;
		}
		return this.probing.compareAndSet(false, true);
	}

	void onSuccess() {
		if (this.open.compareAndSet(true, false)) {
			logger.info(this.name + " answers again; rate limits are enforced through it");
		}
		this.probing.set(false);
	}

	void onFailure(Throwable failure) {
		this.retryAt.set(System.nanoTime() + this.openNanos);
		if (this.open.compareAndSet(false, true)) {
			logger.warn(this.name + " is unreachable (" + failure + "); it is bypassed for "
					+ Duration.ofNanos(this.openNanos) + " at a time until it answers again");
		}
		this.probing.set(false);
	}

	boolean isOpen() {
		return this.open.get();
	}

}
