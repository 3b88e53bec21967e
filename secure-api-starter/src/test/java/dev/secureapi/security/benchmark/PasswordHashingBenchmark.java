package dev.secureapi.security.benchmark;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.secureapi.security.password.PasswordEncoderAutoConfiguration;
import dev.secureapi.security.password.PasswordProperties;

/**
 * One login's password work with the default Argon2id parameters (19 MiB, t=2, p=1), one
 * thread. Run with {@code org.openjdk.jmh.Main PasswordHashingBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class PasswordHashingBenchmark {

	private PasswordEncoder encoder;

	private String hash;

	@Setup
	public void setUp() {
		this.encoder = PasswordEncoderAutoConfiguration.delegating(new PasswordProperties());
		this.hash = this.encoder.encode("correct horse battery staple");
	}

	@Benchmark
	public String hashArgon2id() {
		return this.encoder.encode("correct horse battery staple");
	}

	@Benchmark
	public boolean verifyArgon2id() {
		return this.encoder.matches("correct horse battery staple", this.hash);
	}

}
