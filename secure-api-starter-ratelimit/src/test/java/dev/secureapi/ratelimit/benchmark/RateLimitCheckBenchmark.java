package dev.secureapi.ratelimit.benchmark;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.sun.management.OperatingSystemMXBean;
import io.github.bucket4j.BucketConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import redis.clients.jedis.Jedis;

import dev.secureapi.ratelimit.LocalRateLimitBackend;
import dev.secureapi.ratelimit.RateLimitBackend;
import dev.secureapi.ratelimit.RateLimitBackendException;
import dev.secureapi.ratelimit.RateLimitDecision;
import dev.secureapi.ratelimit.RateLimitPolicy;
import dev.secureapi.ratelimit.RateLimitProperties;
import dev.secureapi.ratelimit.RateLimitRecorder;
import dev.secureapi.ratelimit.RateLimiter;
import dev.secureapi.ratelimit.RedisRateLimitBackend;
import dev.secureapi.security.proxy.TrustedProxyClientIpResolver;

/**
 * The cost of one rate-limit check (policy match, key resolution, one bucket operation)
 * on the local backend, on the starter's Redis backend (Lettuce on Netty's native epoll
 * transport, as the example app runs it, and on NIO) and, for comparison, on Bucket4j's
 * Jedis proxy manager (a blocking client on the calling thread). Redis is taken from
 * {@code SECURE_API_TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}). The
 * capacity is high enough that every check is admitted, so the admitted path is what is
 * measured.
 * <p>
 * Besides JMH's time per check, each trial prints the CPU time the whole process spent
 * per check (every thread: the caller, Lettuce's event loop, GC; read from the process
 * CPU clock around each iteration) and, for the Redis variants, the commands Redis
 * processed per check: what a check takes from an application's throughput, which the
 * round trip's wall time does not show. Run it with {@code -t 8} as well: with several
 * request threads, Lettuce's event loop serves several answers per wake-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RateLimitCheckBenchmark {

	private static final OperatingSystemMXBean PROCESS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final Duration CONNECT_POLL = Duration.ofMillis(100);

	@Param({ "local", "redis", "redis-nio", "jedis" })
	public String backend;

	/**
	 * How many client addresses the checks come from: with one, every check hits one
	 * bucket (and concurrent checks are merged); with many, each check is one bucket's
	 * own round trip.
	 */
	@Param({ "1", "10000" })
	public int clients;

	private RateLimiter rateLimiter;

	private RateLimitPolicy policy;

	private MockHttpServletRequest[] requests;

	private LettuceConnectionFactory connectionFactory;

	private RedisRateLimitBackend redisBackend;

	private JedisRateLimitBackend jedisBackend;

	private long allChecks;

	private long checks;

	private long cpuNanos;

	private final LongAdder iterationChecks = new LongAdder();

	private long iterationCpuStart;

	private long commandsBefore;

	@Setup(Level.Trial)
	public void setUp() throws InterruptedException {
		RateLimitProperties.Policy properties = new RateLimitProperties.Policy();
		properties.setName("api");
		properties.setPaths(List.of("/api/**"));
		RateLimitProperties.Limit limit = new RateLimitProperties.Limit();
		limit.setCapacity(1_000_000_000L);
		limit.setPeriod(Duration.ofHours(1));
		properties.setLimits(List.of(limit));
		this.policy = RateLimitPolicy.of(properties);
		this.rateLimiter = new RateLimiter(List.of(this.policy), backend(), List.of(),
				new TrustedProxyClientIpResolver(List.of(), "X-Forwarded-For", "X-Forwarded-Proto"),
				RateLimitRecorder.NONE, true);
		this.requests = new MockHttpServletRequest[this.clients];
		for (int i = 0; i < this.clients; i++) {
			this.requests[i] = new MockHttpServletRequest("GET", "/api/items");
			this.requests[i].setRemoteAddr("10.0." + (i / 256) + "." + (i % 256));
		}
	}

	private RateLimitBackend backend() throws InterruptedException {
		if ("local".equals(this.backend)) {
			return new LocalRateLimitBackend(100_000, Duration.ofMinutes(1));
		}
		URI uri = redisUri();
		String keyPrefix = "benchmark:" + System.nanoTime() + ":";
		this.commandsBefore = commandsProcessed();
		if ("jedis".equals(this.backend)) {
			this.jedisBackend = new JedisRateLimitBackend(uri.getHost(), uri.getPort(), keyPrefix);
			return this.jedisBackend;
		}
		if ("redis-nio".equals(this.backend)) {
			// read once when Lettuce first looks for a native transport (each variant
			// runs in a JVM of its own)
			System.setProperty("io.lettuce.core.epoll", "false");
		}
		this.connectionFactory = new LettuceConnectionFactory(uri.getHost(), uri.getPort());
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		RateLimitProperties.Redis redis = new RateLimitProperties.Redis();
		redis.setKeyPrefix(keyPrefix);
		redis.setCommandTimeout(Duration.ofSeconds(1));
		redis.setCircuitOpenDuration(CONNECT_POLL);
		this.redisBackend = new RedisRateLimitBackend(this.connectionFactory, redis);
		awaitConnection(this.redisBackend);
		return this.redisBackend;
	}

	/**
	 * Waits until the backend's background connection is open, so no warm-up check is
	 * bypassed by its circuit breaker (open for {@link #CONNECT_POLL} after a check that
	 * found no connection).
	 * @param backend the backend
	 * @throws InterruptedException if interrupted while waiting
	 */
	private static void awaitConnection(RedisRateLimitBackend backend) throws InterruptedException {
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, Duration.ofMinutes(1)))
			.build();
		for (int attempt = 1;; attempt++) {
			try {
				backend.execute("connected", () -> configuration, (bucket) -> bucket.getAvailableTokens());
				return;
			}
			catch (RateLimitBackendException ex) {
				if (attempt == 100) {
					throw ex;
				}
				Thread.sleep(2 * CONNECT_POLL.toMillis());
			}
		}
	}

	private static URI redisUri() {
		return URI.create(System.getenv().getOrDefault("SECURE_API_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
	}

	/**
	 * Redis's count of commands processed, read on a connection of its own.
	 * @return the count
	 */
	private static long commandsProcessed() {
		URI uri = redisUri();
		try (Jedis jedis = new Jedis(uri.getHost(), uri.getPort())) {
			String stats = jedis.info("stats");
			return stats.lines()
				.filter((line) -> line.startsWith("total_commands_processed:"))
				.mapToLong((line) -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
				.findFirst()
				.orElseThrow();
		}
	}

	@Setup(Level.Iteration)
	public void startIteration() {
		this.iterationChecks.reset();
		this.iterationCpuStart = PROCESS.getProcessCpuTime();
	}

	@TearDown(Level.Iteration)
	public void endIteration(IterationParams iteration) {
		long iterationChecks = this.iterationChecks.sum();
		this.allChecks += iterationChecks;
		if (iteration.getType() == IterationType.MEASUREMENT) {
			this.cpuNanos += PROCESS.getProcessCpuTime() - this.iterationCpuStart;
			this.checks += iterationChecks;
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		StringBuilder summary = new StringBuilder();
		summary.append(String.format(
				"%n[%s, %d clients] process CPU per check: %.2f us over the %,d checks of the measurement",
				this.backend, this.clients, this.cpuNanos / 1000.0 / this.checks, this.checks));
		if (!"local".equals(this.backend)) {
			// the one INFO command of the read below is counted too
			long commands = commandsProcessed() - this.commandsBefore - 1;
			summary.append(String.format("; Redis commands per check: %.3f", (double) commands / this.allChecks));
		}
		System.out.println(summary);
		if (this.redisBackend != null) {
			this.redisBackend.destroy();
			this.connectionFactory.destroy();
		}
		if (this.jedisBackend != null) {
			this.jedisBackend.close();
		}
	}

	@Benchmark
	public RateLimitDecision check() {
		MockHttpServletRequest request = this.requests[ThreadLocalRandom.current().nextInt(this.clients)];
		RateLimitDecision decision = this.rateLimiter.check(request, this.rateLimiter.matching(request, false));
		if (!decision.isAllowed()) {
			throw new IllegalStateException("the benchmark must measure admitted checks");
		}
		this.iterationChecks.increment();
		return decision;
	}

}
