package dev.secureapi.ratelimit;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.secureapi.test.RedisTopology;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances sharing one Redis admit exactly the capacity per key, together, under
 * concurrency, and count login failures together; on a single server, a Redis Cluster and
 * a Sentinel-managed primary.
 */
@RequiresServices(RequiresServices.Service.REDIS)
@ParameterizedClass
@EnumSource(RedisTopology.class)
class RedisSharedLimitTests {

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@Parameter
	RedisTopology topology;

	/**
	 * Two applications sharing the topology's Redis, started once per topology:
	 * {@code /open} and {@code /api/items} have a policy each (one per test, so they
	 * never share a bucket), and the login guard allows five failures per user and
	 * address.
	 */
	@BeforeParameterizedClassInvocation
	static void startTwoApplications(RedisTopology topology) {
		String[] properties = topology.springProperties(
				"secure-api.rate-limit.redis.key-prefix=" + TestServices.redis().uniquePrefix(),
				// the burst queues on two shared Redis connections; the default 100 ms is
				// for production traffic
				"secure-api.rate-limit.redis.command-timeout=5s", "secure-api.rate-limit.policies[0].name=burst",
				"secure-api.rate-limit.policies[0].paths=/open",
				"secure-api.rate-limit.policies[0].limits[0].capacity=10",
				"secure-api.rate-limit.policies[0].limits[0].period=1h",
				"secure-api.rate-limit.policies[1].name=shared", "secure-api.rate-limit.policies[1].paths=/api/items",
				"secure-api.rate-limit.policies[1].limits[0].capacity=10",
				"secure-api.rate-limit.policies[1].limits[0].period=1h",
				"secure-api.rate-limit.login.max-failures-per-user-and-ip=5",
				"secure-api.rate-limit.login.max-failures-per-user=20", "secure-api.rate-limit.login.window=15m");
		first = RateLimitTestApplication.start(properties);
		second = RateLimitTestApplication.start(properties);
	}

	@AfterParameterizedClassInvocation
	static void stopApplications() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
	}

	@Test
	void threeInstancesSharingRedisAdmitExactlyTheCapacityPerKeyUnderConcurrency() throws Exception {
		RateLimitProperties.Redis properties = new RateLimitProperties.Redis();
		properties.setKeyPrefix(TestServices.redis().uniquePrefix());
		properties.setCommandTimeout(java.time.Duration.ofSeconds(5));
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(20).refillGreedy(20, java.time.Duration.ofHours(1)).build())
			.build();
		List<LettuceConnectionFactory> factories = new ArrayList<>();
		List<RedisRateLimitBackend> instances = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(30);
		try {
			for (int i = 0; i < 3; i++) {
				LettuceConnectionFactory factory = this.topology.connectionFactory();
				factories.add(factory);
				RedisRateLimitBackend instance = new RedisRateLimitBackend(factory, properties);
				instance.connecting().get(60, java.util.concurrent.TimeUnit.SECONDS);
				instances.add(instance);
			}
			List<Callable<Boolean>> attempts = new ArrayList<>();
			for (int i = 0; i < 90; i++) {
				RedisRateLimitBackend instance = instances.get(i % 3);
				String key = "key-" + (i % 2);
				attempts.add(() -> instance.execute(key, () -> configuration, (bucket) -> bucket.tryConsume(1)));
			}
			long admitted = 0;
			for (Future<Boolean> result : threads.invokeAll(attempts)) {
				admitted += result.get() ? 1 : 0;
			}
			// two keys, 20 each, 90 attempts shared by three instances
			assertThat(admitted).isEqualTo(40);
		}
		finally {
			threads.shutdownNow();
			instances.forEach(RedisRateLimitBackend::destroy);
			factories.forEach(LettuceConnectionFactory::destroy);
		}
	}

	@Test
	void oneApplicationOnRedisAdmitsExactlyTheCapacityOfAConcurrentBurst() {
		assertThat(first.getBean(RateLimitBackend.class)).isInstanceOf(RedisRateLimitBackend.class);
		RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(first);
		List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 50)
			.mapToObj((i) -> client.getAsync("/open"))
			.toList();
		assertThat(statuses(responses)).containsOnlyKeys(200, 429).containsEntry(200, 10L).containsEntry(429, 40L);
		HttpResponse<String> refused = client.get("/open");
		assertThat(refused.headers().firstValue("RateLimit"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("\"burst\";r=0;"));
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
	}

	@Test
	void twoApplicationsSharingRedisAdmitExactlyTheCapacityInTotal() {
		RateLimitTestApplication.Client one = new RateLimitTestApplication.Client(first);
		RateLimitTestApplication.Client two = new RateLimitTestApplication.Client(second);
		List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 50)
			.mapToObj((i) -> ((i % 2 == 0) ? one : two).getAsync("/api/items"))
			.toList();
		assertThat(statuses(responses)).containsOnlyKeys(200, 429).containsEntry(200, 10L).containsEntry(429, 40L);
	}

	@Test
	void twoApplicationsSharingRedisCountLoginFailuresTogether() {
		RateLimitTestApplication.Client one = new RateLimitTestApplication.Client(first);
		RateLimitTestApplication.Client two = new RateLimitTestApplication.Client(second);
		for (int i = 0; i < 5; i++) {
			assertThat(((i % 2 == 0) ? one : two).login("alice", "wrong-" + i).statusCode()).isEqualTo(401);
		}
		// five failures spread over two instances: both refuse the sixth attempt, even
		// with the right password
		assertThat(one.login("alice", RateLimitTestApplication.PASSWORD).statusCode()).isEqualTo(429);
		assertThat(two.login("alice", RateLimitTestApplication.PASSWORD).statusCode()).isEqualTo(429);
	}

	private static java.util.Map<Integer, Long> statuses(List<CompletableFuture<HttpResponse<String>>> responses) {
		return responses.stream()
			.map(CompletableFuture::join)
			.collect(java.util.stream.Collectors.groupingBy(HttpResponse::statusCode,
					java.util.stream.Collectors.counting()));
	}

}
