package dev.secureapi.crypto.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.secureapi.crypto.CryptoMetrics;
import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.crypto.blindindex.BlindIndexer;
import dev.secureapi.crypto.support.CountingKeyProvider;
import dev.secureapi.crypto.support.InMemoryDataKeyStore;
import dev.secureapi.crypto.support.TestKeys;

/**
 * Field encryption with a warm data-key cache: encrypt and decrypt of a 64-byte value,
 * text form, on one thread, plus the blind index. Counts provider calls per run to show
 * the cache at work. Run with {@link #main}; results are recorded in
 * {@code docs/benchmarks/crypto.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class FieldEncryptionBenchmark {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	/** 64 bytes of UTF-8. */
	static final String VALUE = "a.rather.long.address.for.benchmarking.purposes@example-mail.org";

	private FieldEncryptor encryptor;

	private BlindIndexer indexer;

	private CountingKeyProvider provider;

	private String stored;

	private long operations;

	@Setup(Level.Trial)
	public void setUp() {
		if (VALUE.getBytes(StandardCharsets.UTF_8).length != 64) {
			throw new IllegalStateException("value must be 64 bytes");
		}
		this.provider = new CountingKeyProvider(TestKeys.localProvider());
		DataKeyManager keys = TestKeys.manager(this.provider, new InMemoryDataKeyStore());
		this.encryptor = new FieldEncryptor(keys, CryptoMetrics.NONE);
		this.indexer = new BlindIndexer(TestKeys.randomKey(), 32);
		this.stored = this.encryptor.encrypt(VALUE, EMAIL);
	}

	@TearDown(Level.Trial)
	public void report() {
		System.out.printf("%nprovider calls: %d for %d+ field operations%n", this.provider.calls(), this.operations);
	}

	@Benchmark
	public String encrypt() {
		this.operations++;
		return this.encryptor.encrypt(VALUE, EMAIL);
	}

	@Benchmark
	public String decrypt() {
		this.operations++;
		return this.encryptor.decrypt(this.stored, EMAIL);
	}

	@Benchmark
	public String blindIndex() {
		return this.indexer.exactIndex(EMAIL, VALUE);
	}

	public static void main(String[] args) throws RunnerException {
		new Runner(new OptionsBuilder().include(FieldEncryptionBenchmark.class.getName()).build()).run();
	}

}
