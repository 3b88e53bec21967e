package dev.secureapi.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Caches a {@link TokenUserValidator}'s answers per subject for {@code ttl} after they
 * were read. A Caffeine cache bounded by entry count (when full it drops the answers
 * least likely to be asked for again, which only costs another call to the delegate),
 * whose time is read from the injected clock.
 *
 * <p>
 * An answer read before an {@link #evict eviction} is not cached after it: a request that
 * looked the user up just before a change committed cannot put the old standing back for
 * another {@code ttl}.
 */
final class CachingTokenUserValidator implements TokenUserValidator {

	private static final int MAX_ENTRIES = 50_000;

	private final TokenUserValidator delegate;

	private final ConcurrentMap<String, UserStanding> answers;

	private final AtomicLong evictions = new AtomicLong();

	/**
	 * Creates a caching validator.
	 * @param delegate the application's validator
	 * @param ttl how long an answer is reused
	 * @param clock the clock
	 */
	CachingTokenUserValidator(TokenUserValidator delegate, Duration ttl, Clock clock) {
		this.delegate = delegate;
		// maintenance on the calling thread: the bound holds when put returns, with no
		// background thread
		this.answers = Caffeine.newBuilder()
			.maximumSize(MAX_ENTRIES)
			.expireAfterWrite(ttl)
			.ticker(() -> nanos(clock.instant()))
			.executor(Runnable::run)
			.<String, UserStanding>build()
			.asMap();
	}

	@Override
	public boolean isActive(String subject) {
		return standing(subject).active();
	}

	@Override
	public UserStanding standing(String subject) {
		UserStanding cached = this.answers.get(subject);
		if (cached != null) {
			return cached;
		}
		long evictionsBefore = this.evictions.get();
		UserStanding standing = this.delegate.standing(subject);
		this.answers.put(subject, standing);
		if (this.evictions.get() != evictionsBefore) {
			// an eviction ran while the delegate was asked: this answer may predate the
			// change it announced
			this.answers.remove(subject, standing);
		}
		return standing;
	}

	/**
	 * Forgets the cached answer for a subject, so the next request asks the delegate
	 * (call it when a user is disabled or deleted, or when the user's authority changes,
	 * to make the change take effect at once on this instance; call it after the change
	 * is committed).
	 * @param subject the subject
	 */
	void evict(String subject) {
		this.evictions.incrementAndGet();
		this.answers.remove(subject);
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
