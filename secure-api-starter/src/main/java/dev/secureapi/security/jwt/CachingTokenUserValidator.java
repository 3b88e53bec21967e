package dev.secureapi.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches a {@link TokenUserValidator}'s answers per subject for a short time. Bounded: when full, expired answers
 * are dropped first and then arbitrary ones, which only costs another call to the delegate.
 */
public final class CachingTokenUserValidator implements TokenUserValidator {

	private static final int MAX_ENTRIES = 50_000;

	private final TokenUserValidator delegate;

	private final Duration ttl;

	private final Clock clock;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	/**
	 * Creates a caching validator.
	 * @param delegate the application's validator
	 * @param ttl how long an answer is reused
	 * @param clock the clock
	 */
	public CachingTokenUserValidator(TokenUserValidator delegate, Duration ttl, Clock clock) {
		this.delegate = delegate;
		this.ttl = ttl;
		this.clock = clock;
	}

	@Override
	public boolean isActive(String subject) {
		Instant now = this.clock.instant();
		Answer answer = this.answers.get(subject);
		if (answer != null && now.isBefore(answer.validUntil())) {
			return answer.active();
		}
		boolean active = this.delegate.isActive(subject);
		if (this.answers.size() >= MAX_ENTRIES) {
			evict(now);
		}
		this.answers.put(subject, new Answer(active, now.plus(this.ttl)));
		return active;
	}

	/**
	 * Forgets the cached answer for a subject, so the next request asks the delegate (call it when a user is
	 * disabled or deleted to make the change take effect at once on this instance).
	 * @param subject the subject
	 */
	public void evict(String subject) {
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

	private record Answer(boolean active, Instant validUntil) {
	}

}
