package dev.secureapi.security.jwt;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.secureapi.security.jwt.RefreshTokenStore.Family;
import dev.secureapi.security.jwt.RefreshTokenStore.Outcome;
import dev.secureapi.security.jwt.RefreshTokenStore.Token;
import dev.secureapi.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRefreshTokenStoreTests extends RefreshTokenStoreContractTests {

	private final MutableClock clock = MutableClock.now();

	private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore(1000, this.clock);

	@Override
	protected RefreshTokenStore store() {
		return this.store;
	}

	@Test
	void storeIsBoundedByDroppingTheOldestFamilies() {
		InMemoryRefreshTokenStore small = new InMemoryRefreshTokenStore(3, this.clock);
		Instant expiry = this.clock.instant().plus(Duration.ofDays(1));
		for (int i = 0; i < 5; i++) {
			small.create(new Family("f" + i, "u", expiry), new Token("t" + i, "f" + i, expiry));
		}
		assertThat(small.consume("t0").outcome()).isEqualTo(Outcome.UNKNOWN);
		assertThat(small.consume("t1").outcome()).isEqualTo(Outcome.UNKNOWN);
		assertThat(small.consume("t4").outcome()).isEqualTo(Outcome.CONSUMED);
	}

}
