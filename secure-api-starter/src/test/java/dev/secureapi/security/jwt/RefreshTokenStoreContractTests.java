package dev.secureapi.security.jwt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.secureapi.security.jwt.RefreshTokenStore.Consumption;
import dev.secureapi.security.jwt.RefreshTokenStore.Family;
import dev.secureapi.security.jwt.RefreshTokenStore.Outcome;
import dev.secureapi.security.jwt.RefreshTokenStore.Token;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RefreshTokenStore} must do; each store's test class runs these
 * against a real backend.
 */
abstract class RefreshTokenStoreContractTests {

	protected abstract RefreshTokenStore store();

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@Test
	void firstUseConsumesAndReturnsTheFamily() {
		Family family = family("alice");
		store().create(family, token("t1", family));
		Consumption consumption = store().consume("t1" + family.id());
		assertThat(consumption.outcome()).isEqualTo(Outcome.CONSUMED);
		assertThat(consumption.family()).isEqualTo(family);
		assertThat(consumption.idleExpiresAt()).isEqualTo(this.now.plusSeconds(60));
	}

	@Test
	void secondUseIsReportedAsReuse() {
		Family family = family("alice");
		store().create(family, token("t1", family));
		store().consume("t1" + family.id());
		Consumption again = store().consume("t1" + family.id());
		assertThat(again.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(again.family()).isNotNull();
		assertThat(again.family().id()).isEqualTo(family.id());
	}

	@Test
	void unknownTokenIsUnknown() {
		assertThat(store().consume("nope-" + UUID.randomUUID()).outcome()).isEqualTo(Outcome.UNKNOWN);
	}

	@Test
	void tokensOfARevokedFamilyAreRevoked() {
		Family family = family("alice");
		store().create(family, token("t1", family));
		store().add(token("t2", family));
		assertThat(store().findFamilyId("t2" + family.id())).hasValue(family.id());
		store().revokeFamily(family.id());
		assertThat(store().consume("t2" + family.id()).outcome()).isEqualTo(Outcome.REVOKED);
	}

	@Test
	void revokingASubjectRevokesAllItsFamiliesOnly() {
		String bob = "bob-" + UUID.randomUUID();
		Family first = new Family(UUID.randomUUID().toString(), bob, this.now.plusSeconds(3600));
		Family second = new Family(UUID.randomUUID().toString(), bob, this.now.plusSeconds(3600));
		Family other = family("carol");
		store().create(first, token("a", first));
		store().create(second, token("b", second));
		store().create(other, token("c", other));
		store().revokeSubject(first.subject());
		assertThat(store().consume("a" + first.id()).outcome()).isEqualTo(Outcome.REVOKED);
		assertThat(store().consume("b" + second.id()).outcome()).isEqualTo(Outcome.REVOKED);
		assertThat(store().consume("c" + other.id()).outcome()).isEqualTo(Outcome.CONSUMED);
	}

	@Test
	void ofTwoConcurrentUsesOfOneTokenExactlyOneWins() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 50; round++) {
				Family family = family("racer");
				String hash = "race" + family.id();
				store().create(family, new Token(hash, family.id(), this.now.plusSeconds(60)));
				CyclicBarrier start = new CyclicBarrier(2);
				List<Future<Outcome>> results = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					results.add(executor.submit(() -> {
						start.await();
						return store().consume(hash).outcome();
					}));
				}
				List<Outcome> outcomes = new ArrayList<>();
				for (Future<Outcome> result : results) {
					outcomes.add(result.get());
				}
				assertThat(outcomes).containsExactlyInAnyOrder(Outcome.CONSUMED, Outcome.REUSED);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private Family family(String subject) {
		return new Family(UUID.randomUUID().toString(), subject + "-" + UUID.randomUUID(), this.now.plusSeconds(3600));
	}

	private Token token(String name, Family family) {
		return new Token(name + family.id(), family.id(), this.now.plusSeconds(60));
	}

}
