package dev.secureapi.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caches a {@link TokenUserValidator}'s answers per subject for a short time. Bounded: when full, expired answers
 * are dropped first and then arbitrary ones, which only costs another call to the delegate.
 *
 * <p>An answer read before an {@link #evict eviction} is not cached after it: a request that looked the user up
 * just before a change committed cannot put the old standing back for another {@code ttl}.
 */
final class CachingTokenUserValidator implements TokenUserValidator {

	private static final int MAX_ENTRIES = 50_000;

	private final TokenUserValidator delegate;

	private final Duration ttl;

	private final Clock clock;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final AtomicLong evictions = new AtomicLong();

	/**
	 * Creates a caching validator.
	 * @param delegate the application's validator
	 * @param ttl how long an answer is reused
	 * @param clock the clock
	 */
	CachingTokenUserValidator(TokenUserValidator delegate, Duration ttl, Clock clock) {
		this.delegate = delegate;
		this.ttl = ttl;
		this.clock = clock;
	}

	@Override
	public boolean isActive(String subject) {
		return standing(subject).active();
	}

	@Override
	public UserStanding standing(String subject) {
		Instant now = this.clock.instant();
		Answer answer = this.answers.get(subject);
		if (answer != null && now.isBefore(answer.validUntil())) {
			return answer.standing();
		}
		long evictionsBefore = this.evictions.get();
		UserStanding standing = this.delegate.standing(subject);
		if (this.answers.size() >= MAX_ENTRIES) {
			evict(now);
		}
		Answer fresh = new Answer(standing, now.plus(this.ttl));
		this.answers.put(subject, fresh);
		if (this.evictions.get() != evictionsBefore) {
			// an eviction ran while the delegate was asked: this answer may predate the change it announced
			this.answers.remove(subject, fresh);
		}
		return standing;
	}

	/**
	 * Forgets the cached answer for a subject, so the next request asks the delegate (call it when a user is
	 * disabled or deleted, or when the user's authority changes, to make the change take effect at once on this
	 * instance; call it after the change is committed).
	 * @param subject the subject
	 */
	public void evict(String subject) {
		this.evictions.incrementAndGet();
		this.answers.remove(subject);
	}

	private void evict(Instant now) {
		this.answers.values().removeIf((answer) -> !now.isBefore(answer.validUntil()));
		Iterator<String> subjects = this.answers.keySet().iterator();
		while (this.answers.size() >= MAX_ENTRIES && subjects.hasNext()) {
			subjects.next();
			subjects.remove();
		}
	}

	private record Answer(UserStanding standing, Instant validUntil) {
	}

}
