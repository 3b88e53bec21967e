package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.secureapi.security.proxy.TrustedProxyClientIpResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The login guard's counting, on the local backend.
 */
class LoginAttemptGuardTests {

	private final LoginAttemptGuard guard = guard(new RateLimitProperties.Login());

	@Test
	void fiftyParallelGuessesGetNoMoreThanFivePasswordChecks() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Callable<Boolean>> guesses = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				guesses.add(() -> {
					boolean allowed = this.guard.check("alice", "192.0.2.1").isAllowed();
					if (allowed) {
						this.guard.recordFailure("alice", "192.0.2.1");
					}
					return allowed;
				});
			}
			long checked = 0;
			for (Future<Boolean> result : threads.invokeAll(guesses)) {
				checked += result.get() ? 1 : 0;
			}
			assertThat(checked).isEqualTo(5);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void theSameUsernameFromManyAddressesIsStoppedByThePerUserLimit() {
		int allowed = 0;
		for (int i = 0; i < 100; i++) {
			String ip = "198.51.100." + i;
			if (this.guard.check("carol", ip).isAllowed()) {
				allowed++;
				this.guard.recordFailure("carol", ip);
			}
		}
		assertThat(allowed).isEqualTo(20);
		LoginAttemptGuard.Decision decision = this.guard.check("carol", "203.0.113.200");
		assertThat(decision.status()).isEqualTo(LoginAttemptGuard.Decision.Status.THROTTLED);
		assertThat(decision.retryAfterSeconds()).isBetween(1L, 900L);
	}

	@Test
	void aThrottledDecisionThrowsA429WithRetryAfter() {
		for (int i = 0; i < 5; i++) {
			this.guard.check("dave", "192.0.2.9");
			this.guard.recordFailure("dave", "192.0.2.9");
		}
		LoginAttemptGuard.Decision decision = this.guard.check("dave", "192.0.2.9");
		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(decision::throwIfRefused)
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(429);
				assertThat(ex.getHeaders().getFirst("Retry-After"))
					.isEqualTo(Long.toString(decision.retryAfterSeconds()));
			});
		// another address is not affected by dave's failures from this one
		assertThat(this.guard.check("dave", "192.0.2.10").isAllowed()).isTrue();
	}

	@Test
	void usernamesOutsideTheKeySpaceAreRefused() {
		assertThatExceptionOfType(InvalidLoginUsernameException.class)
			.isThrownBy(() -> this.guard.check("x".repeat(257), "192.0.2.1"));
		assertThatExceptionOfType(InvalidLoginUsernameException.class)
			.isThrownBy(() -> this.guard.check("bad\u0000name", "192.0.2.1"));
		assertThatExceptionOfType(InvalidLoginUsernameException.class)
			.isThrownBy(() -> this.guard.check("", "192.0.2.1"));
	}

	@Test
	void failOpenAdmitsAndFailClosedRefusesWhenTheBackendIsDown() {
		RateLimitProperties.Login properties = new RateLimitProperties.Login();
		LoginAttemptGuard closed = new LoginAttemptGuard(new DownBackend(), resolver(), RateLimitRecorder.NONE,
				properties);
		assertThat(closed.check("erin", "192.0.2.1").status()).isEqualTo(LoginAttemptGuard.Decision.Status.UNAVAILABLE);
		assertThatExceptionOfType(LoginThrottledException.class)
			.isThrownBy(() -> closed.check("erin", "192.0.2.1").throwIfRefused())
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(503);
				assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("5");
			});
		properties.setFailOpen(true);
		LoginAttemptGuard open = new LoginAttemptGuard(new DownBackend(), resolver(), RateLimitRecorder.NONE,
				properties);
		assertThat(open.check("erin", "192.0.2.1").isAllowed()).isTrue();
	}

	private static LoginAttemptGuard guard(RateLimitProperties.Login properties) {
		return new LoginAttemptGuard(new LocalRateLimitBackend(1000, Duration.ofMinutes(15)), resolver(),
				RateLimitRecorder.NONE, properties);
	}

	private static TrustedProxyClientIpResolver resolver() {
		return new TrustedProxyClientIpResolver(List.of(), "X-Forwarded-For", "X-Forwarded-Proto");
	}

	static class DownBackend implements RateLimitBackend {

		@Override
		public <T> T execute(String key,
				java.util.function.Supplier<io.github.bucket4j.BucketConfiguration> configuration,
				java.util.function.Function<io.github.bucket4j.Bucket, T> operation) {
			throw new RateLimitBackendException("down", null);
		}

	}

}
