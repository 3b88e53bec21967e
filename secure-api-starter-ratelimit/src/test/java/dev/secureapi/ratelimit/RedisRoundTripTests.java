package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.secureapi.test.RedisServerProcess;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.lettuce.core.RedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many commands one check sends to Redis, counted on the client as they are sent.
 */
class RedisRoundTripTests {

	@Test
	void anUncontendedCheckSendsTwoCommandsAGetAndOneCompareAndSwapScript() throws Exception {
		Assumptions.assumeTrue(RedisServerProcess.isInstalled() || Boolean.getBoolean("secure-api.test.require-services"),
				"redis-server is not installed");
		try (RedisServerProcess redis = RedisServerProcess.start()) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", redis.port());
			factory.afterPropertiesSet();
			factory.start();
			Map<String, LongAdder> sent = new ConcurrentHashMap<>();
			((RedisClient) factory.getRequiredNativeClient()).addListener(new CommandListener() {
				@Override
				public void commandStarted(CommandStartedEvent event) {
					sent.computeIfAbsent(event.getCommand().getType().toString(), (type) -> new LongAdder()).increment();
				}
			});
			RateLimitProperties.Redis properties = new RateLimitProperties.Redis();
			properties.setCommandTimeout(Duration.ofSeconds(2));
			RedisRateLimitBackend backend = new RedisRateLimitBackend(factory, properties);
			BucketConfiguration configuration = BucketConfiguration.builder()
				.addLimit(Bandwidth.builder().capacity(1_000_000).refillGreedy(1_000_000, Duration.ofHours(1)).build())
				.build();
			try {
				// the first connection of a cold JVM on a busy machine can take longer than the command timeout
				backend.connecting().get(60, java.util.concurrent.TimeUnit.SECONDS);
				backend.execute("key", () -> configuration, (bucket) -> bucket.tryConsume(1));
				sent.clear();
				for (int i = 0; i < 1000; i++) {
					backend.execute("key", () -> configuration, (bucket) -> bucket.tryConsume(1));
				}
				Map<String, Long> counts = new TreeMap<>();
				sent.forEach((type, count) -> counts.put(type, count.sum()));
				System.out.printf("1000 uncontended checks sent %s%n", counts);
				assertThat(counts).containsOnlyKeys("GET", "EVAL").containsEntry("GET", 1000L).containsEntry("EVAL", 1000L);
			}
			finally {
				backend.destroy();
				factory.destroy();
			}
		}
	}

}
