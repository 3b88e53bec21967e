package dev.secureapi.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, for expiry, rotation and cache-age behaviour without
 * waiting.
 */
public class MutableClock extends Clock {

	private volatile Instant now;

	/**
	 * A clock at a fixed instant, 2026-01-01T00:00:00Z.
	 */
	public MutableClock() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	/**
	 * A clock at the given instant.
	 * @param now where the clock starts
	 */
	public MutableClock(Instant now) {
		this.now = now;
	}

	/**
	 * A clock starting at the current time.
	 * @return the clock
	 */
	public static MutableClock now() {
		return new MutableClock(Instant.now());
	}

	/**
	 * Moves the clock.
	 * @param duration how far forward (or back, when negative)
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
