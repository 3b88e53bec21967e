package dev.secureapi.security.password;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BoundedPasswordEncoderTests {

	private final GateEncoder gate = new GateEncoder();

	private final BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(this.gate, 1, Duration.ofMillis(20),
			Duration.ofSeconds(3));

	@Test
	void aHashBeyondTheLimitIsRefusedWith503AndRetryAfterInsteadOfQueueing() throws Exception {
		this.gate.close();
		CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> this.encoder.matches("pw", "pw"));
		this.gate.awaitEntered();
		assertThatExceptionOfType(PasswordHashingBusyException.class).isThrownBy(() -> this.encoder.matches("pw", "pw"))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
			});
		assertThatExceptionOfType(PasswordHashingBusyException.class).isThrownBy(() -> this.encoder.encode("pw"));
		this.gate.open();
		assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.encoder.matches("pw", "pw")).isTrue();
	}

	@Test
	void aFailingHashGivesItsSlotBack() {
		this.gate.fail = true;
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.encoder.matches("pw", "pw"));
		}
		this.gate.fail = false;
		assertThat(this.encoder.matches("pw", "pw")).isTrue();
	}

}
