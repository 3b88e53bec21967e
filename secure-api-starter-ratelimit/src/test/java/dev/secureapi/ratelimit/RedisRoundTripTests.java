package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.lettuce.core.RedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many commands a check sends to Redis, counted on the client as they are sent, and
 * that the checks it saves a read for still admit exactly what the bucket holds.
 */
@RequiresServices(RequiresServices.Service.REDIS)
class RedisRoundTripTests {

	private static final BucketConfiguration LARGE = capacity(1_000_000);

	private final String prefix = TestServices.redis().uniquePrefix();

	private final List<Instance> instances = new ArrayList<>();

	@AfterEach
	void close() {
		this.instances.forEach(Instance::close);
	}

	@Test
	void anUncontendedCheckIsOneCompareAndSwapScriptAndNoRead() {
		Instance instance = instance();
		instance.check("key", LARGE);
		instance.sent.clear();
		for (int i = 0; i < 1000; i++) {
			assertThat(instance.check("key", LARGE)).isTrue();
		}
		assertThat(instance.counts()).containsOnlyKeys("EVAL").containsEntry("EVAL", 1000L);
	}

	@Test
	void theFirstCheckOfANewBucketIsOneScriptToo() {
		Instance instance = instance();
		for (int i = 0; i < 100; i++) {
			assertThat(instance.check("new-" + i, LARGE)).isTrue();
		}
		assertThat(instance.counts()).containsOnlyKeys("EVAL").containsEntry("EVAL", 100L);
	}

	@Test
	void checksAlternatingBetweenTwoInstancesCostTwoScriptsEachAndCountEveryToken() {
		Instance first = instance();
		Instance second = instance();
		BucketConfiguration configuration = capacity(500);
		long admitted = 0;
		for (int i = 0; i < 600; i++) {
			admitted += ((i % 2 == 0) ? first : second).check("shared", configuration) ? 1 : 0;
		}
		assertThat(admitted).isEqualTo(500);
		System.out.printf("600 alternating checks sent %s + %s%n", first.counts(), second.counts());
		// each instance's remembered state is stale by the other's write: the lost swap
		// answers the current state
		// and the retry wins; a refusal answered from memory is swapped again once;
		// nothing is ever read with GET
		assertThat(first.counts()).containsOnlyKeys("EVAL");
		assertThat(second.counts()).containsOnlyKeys("EVAL");
		assertThat(first.counts().get("EVAL") + second.counts().get("EVAL")).isLessThanOrEqualTo(2 * 500 + 100);
	}

	@Test
	void concurrentChecksOfOneBucketInOneInstanceAreMergedNotRetried() throws Exception {
		Instance instance = instance();
		instance.check("hot", LARGE);
		instance.sent.clear();
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Callable<Boolean>> checks = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				checks.add(() -> instance.check("hot", LARGE));
			}
			for (Future<Boolean> result : threads.invokeAll(checks)) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
		Map<String, Long> counts = instance.counts();
		System.out.printf("2000 checks from 16 threads sent %s%n", counts);
		assertThat(counts).containsOnlyKeys("EVAL");
		assertThat(counts.get("EVAL")).isLessThanOrEqualTo(2000L);
	}

	@Test
	void aRefusalFromRememberedStateIsCheckedAgainstRedis() {
		Instance first = instance();
		Instance second = instance();
		BucketConfiguration three = capacity(3);
		for (int i = 0; i < 3; i++) {
			assertThat(first.check("login", three)).isTrue();
		}
		assertThat(first.check("login", three)).isFalse();
		// another instance resets the bucket (a successful login does this for the login
		// guard)
		second.backend.execute("login", () -> three, (bucket) -> {
			bucket.reset();
			return null;
		});
		assertThat(first.check("login", three)).isTrue();
	}

	@Test
	void theRememberedStatesAreBoundedByRememberedKeys() {
		Instance instance = instance();
		for (int i = 0; i < 2000; i++) {
			instance.check("client-" + i, LARGE);
		}
		assertThat(instance.backend.rememberedStates()).isEqualTo(500);
	}

	private static BucketConfiguration capacity(long tokens) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(tokens).refillGreedy(tokens, Duration.ofHours(1)).build())
			.build();
	}

	private Instance instance() {
		Instance instance = new Instance(this.prefix);
		this.instances.add(instance);
		return instance;
	}

	private static final class Instance {

		private final LettuceConnectionFactory factory;

		private final RedisRateLimitBackend backend;

		private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();

		Instance(String prefix) {
			this.factory = new LettuceConnectionFactory(TestServices.redis().host(), TestServices.redis().port());
			this.factory.afterPropertiesSet();
			this.factory.start();
			((RedisClient) this.factory.getRequiredNativeClient()).addListener(new CommandListener() {
				@Override
				public void commandStarted(CommandStartedEvent event) {
					Instance.this.sent
						.computeIfAbsent(event.getCommand().getType().toString(), (type) -> new LongAdder())
						.increment();
				}
			});
			RateLimitProperties.Redis properties = new RateLimitProperties.Redis();
			properties.setKeyPrefix(prefix);
			properties.setCommandTimeout(Duration.ofSeconds(5));
			properties.setRememberedKeys(500);
			this.backend = new RedisRateLimitBackend(this.factory, properties);
			try {
				// the first connection of a cold JVM on a busy machine can take longer
				// than the command timeout
				this.backend.connecting().get(60, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			this.sent.clear();
		}

		boolean check(String key, BucketConfiguration configuration) {
			return this.backend.execute(key, () -> configuration, (bucket) -> bucket.tryConsume(1));
		}

		Map<String, Long> counts() {
			Map<String, Long> counts = new TreeMap<>();
			this.sent.forEach((type, count) -> counts.put(type, count.sum()));
			return counts;
		}

		void close() {
			this.backend.destroy();
			this.factory.destroy();
		}

	}

}
