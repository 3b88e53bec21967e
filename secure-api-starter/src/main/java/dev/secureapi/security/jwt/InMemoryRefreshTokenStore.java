package dev.secureapi.security.jwt;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refresh tokens in this process's memory, bounded by a maximum number of families (the
 * oldest are dropped). Lost on restart and not shared between instances: fine for one
 * instance and for development, otherwise use the JDBC or Redis store.
 */
final class InMemoryRefreshTokenStore implements RefreshTokenStore {

	private final int maxFamilies;

	private final Clock clock;

	private final Map<String, FamilyState> families = new LinkedHashMap<>();

	private final Map<String, TokenState> tokens = new HashMap<>();

	/**
	 * Creates a store.
	 * @param maxFamilies the most families kept
	 * @param clock the clock deciding which families have expired
	 */
	InMemoryRefreshTokenStore(int maxFamilies, Clock clock) {
		this.maxFamilies = maxFamilies;
		this.clock = clock;
	}

	@Override
	public synchronized void create(Family family, Token token) {
		if (this.families.size() >= this.maxFamilies) {
			evict();
		}
		this.families.put(family.id(), new FamilyState(family));
		add(token);
	}

	@Override
	public synchronized void add(Token token) {
		FamilyState family = this.families.get(token.familyId());
		if (family != null) {
			family.tokens.add(token.hash());
			this.tokens.put(token.hash(), new TokenState(token));
		}
	}

	@Override
	public synchronized Consumption consume(String tokenHash) {
		TokenState token = this.tokens.get(tokenHash);
		FamilyState family = (token != null) ? this.families.get(token.token.familyId()) : null;
		if (token == null || family == null) {
			return Consumption.unknown();
		}
		Outcome outcome = token.used ? Outcome.REUSED : family.revoked ? Outcome.REVOKED : Outcome.CONSUMED;
		token.used = true;
		return new Consumption(outcome, family.family, token.token.idleExpiresAt());
	}

	@Override
	public synchronized Optional<String> findFamilyId(String tokenHash) {
		TokenState token = this.tokens.get(tokenHash);
		return Optional.ofNullable(token).map((state) -> state.token.familyId());
	}

	@Override
	public synchronized void revokeFamily(String familyId) {
		FamilyState family = this.families.get(familyId);
		if (family != null) {
			family.revoked = true;
		}
	}

	@Override
	public synchronized void revokeSubject(String subject) {
		this.families.values()
			.stream()
			.filter((f) -> f.family.subject().equals(subject))
			.forEach((f) -> f.revoked = true);
	}

	private void evict() {
		Instant now = this.clock.instant();
		Iterator<FamilyState> iterator = this.families.values().iterator();
		while (iterator.hasNext()) {
			FamilyState family = iterator.next();
			if (now.isAfter(family.family.expiresAt()) || this.families.size() >= this.maxFamilies) {
				iterator.remove();
				family.tokens.forEach(this.tokens::remove);
			}
		}
	}

	private static final class FamilyState {

		final Family family;

		final Set<String> tokens = new HashSet<>();

		boolean revoked;

		FamilyState(Family family) {
			this.family = family;
		}

	}

	private static final class TokenState {

		final Token token;

		boolean used;

		TokenState(Token token) {
			this.token = token;
		}

	}

}
