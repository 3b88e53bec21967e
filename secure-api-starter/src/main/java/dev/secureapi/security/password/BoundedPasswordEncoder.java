package dev.secureapi.security.password;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.Assert;

/**
 * Lets at most a fixed number of threads hash or verify passwords at the same time.
 * Password hashing is built to be expensive (Argon2id: tens of milliseconds of CPU and 19
 * MiB per hash), so logins arriving faster than the machine can hash would otherwise take
 * every core and starve the rest of the API; here a caller waits at most {@code maxWait}
 * for a permit and then gets {@link PasswordHashingBusyException} (503 with
 * {@code Retry-After}). {@link #upgradeEncoding} only reads the hash's prefix and is not
 * limited.
 *
 * @since 0.1.0
 */
public final class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	private final int maxConcurrent;

	private final long maxWaitNanos;

	private final Duration retryAfter;

	/**
	 * Creates an encoder.
	 * @param delegate the encoder that hashes
	 * @param maxConcurrent how many hashes may run at the same time
	 * @param maxWait how long a caller waits for a free slot before it is refused
	 * @param retryAfter what the refusal tells the client to wait before trying again
	 */
	public BoundedPasswordEncoder(PasswordEncoder delegate, int maxConcurrent, Duration maxWait, Duration retryAfter) {
		Assert.isTrue(maxConcurrent > 0, "maxConcurrent must be positive");
		this.delegate = delegate;
		this.permits = new Semaphore(maxConcurrent, true);
		this.maxConcurrent = maxConcurrent;
		this.maxWaitNanos = maxWait.toNanos();
		this.retryAfter = retryAfter;
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		acquire();
		try {
			return this.delegate.encode(rawPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		acquire();
		try {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	/**
	 * How many hashes may run at the same time.
	 * @return the limit
	 */
	public int getMaxConcurrent() {
		return this.maxConcurrent;
	}

	private void acquire() {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.maxWaitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			throw new PasswordHashingBusyException(this.retryAfter);
		}
	}

}
