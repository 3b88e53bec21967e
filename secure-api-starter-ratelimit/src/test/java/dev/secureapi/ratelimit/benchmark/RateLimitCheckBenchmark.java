package dev.secureapi.ratelimit.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.secureapi.ratelimit.LocalRateLimitBackend;
import dev.secureapi.ratelimit.RateLimitBackend;
import dev.secureapi.ratelimit.RateLimitDecision;
import dev.secureapi.ratelimit.RateLimitPolicy;
import dev.secureapi.ratelimit.RateLimitProperties;
import dev.secureapi.ratelimit.RateLimitRecorder;
import dev.secureapi.ratelimit.RateLimiter;
import dev.secureapi.ratelimit.RedisRateLimitBackend;
import dev.secureapi.security.proxy.TrustedProxyClientIpResolver;

/**
 * The cost of one rate-limit check (policy match, key resolution, one bucket operation)
 * on the local and on the redis backend. Redis is taken from
 * {@code SECURE_API_TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}). The
 * capacity is high enough that every check is admitted, so the admitted path is what is
 * measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RateLimitCheckBenchmark {

	@Param({ "local", "redis" })
	public String backend;

	private RateLimiter rateLimiter;

	private RateLimitPolicy policy;

	private MockHttpServletRequest request;

	private LettuceConnectionFactory connectionFactory;

	private RedisRateLimitBackend redisBackend;

	@Setup(Level.Trial)
	public void setUp() {
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
		this.request = new MockHttpServletRequest("GET", "/api/items");
		this.request.setRemoteAddr("192.0.2.10");
	}

	private RateLimitBackend backend() {
		if ("local".equals(this.backend)) {
			return new LocalRateLimitBackend(100_000, Duration.ofMinutes(1));
		}
		java.net.URI uri = java.net.URI
			.create(System.getenv().getOrDefault("SECURE_API_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
		this.connectionFactory = new LettuceConnectionFactory(uri.getHost(), uri.getPort());
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		RateLimitProperties.Redis redis = new RateLimitProperties.Redis();
		redis.setKeyPrefix("benchmark:" + System.nanoTime() + ":");
		redis.setCommandTimeout(Duration.ofSeconds(1));
		this.redisBackend = new RedisRateLimitBackend(this.connectionFactory, redis);
		return this.redisBackend;
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.redisBackend != null) {
			this.redisBackend.destroy();
			this.connectionFactory.destroy();
		}
	}

	@Benchmark
	public RateLimitDecision check() {
		RateLimitDecision decision = this.rateLimiter.check(this.request,
				this.rateLimiter.matching(this.request, false));
		if (!decision.isAllowed()) {
			throw new IllegalStateException("the benchmark must measure admitted checks");
		}
		return decision;
	}

}
