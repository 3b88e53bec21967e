package dev.secureapi.ratelimit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.secureapi.security.proxy.TrustedProxyClientIpResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local backend under a flood of distinct clients.
 */
class LocalRateLimitBackendTests {

	@Test
	void aHundredThousandDistinctClientAddressesKeepTheNumberOfBucketsBounded() {
		LocalRateLimitBackend backend = new LocalRateLimitBackend(10_000, Duration.ofMinutes(1));
		RateLimitProperties.Policy properties = new RateLimitProperties.Policy();
		properties.setName("api");
		properties.setPaths(List.of("/api/**"));
		RateLimitProperties.Limit limit = new RateLimitProperties.Limit();
		limit.setCapacity(100);
		properties.setLimits(List.of(limit));
		RateLimitPolicy policy = RateLimitPolicy.of(properties);
		RateLimiter rateLimiter = new RateLimiter(List.of(policy), backend, List.of(),
				new TrustedProxyClientIpResolver(List.of(), "X-Forwarded-For", "X-Forwarded-Proto"),
				RateLimitRecorder.NONE, true);
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long before = memory.getHeapMemoryUsage().getUsed();
		for (int i = 0; i < 100_000; i++) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");
			request.setRemoteAddr("10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff));
			assertThat(rateLimiter.check(request, List.of(policy)).isAllowed()).isTrue();
		}
		long buckets = backend.size();
		System.gc();
		long after = memory.getHeapMemoryUsage().getUsed();
		System.out.printf("100000 distinct clients, max-keys 10000: %d buckets kept, heap grew by about %d KiB%n",
				buckets, (after - before) / 1024);
		assertThat(buckets).isLessThanOrEqualTo(10_000);
	}

	@Test
	void aBucketDroppedForSpaceComesBackFull() {
		LocalRateLimitBackend backend = new LocalRateLimitBackend(1, Duration.ofMinutes(1));
		io.github.bucket4j.BucketConfiguration configuration = io.github.bucket4j.BucketConfiguration.builder()
			.addLimit(io.github.bucket4j.Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofHours(1)).build())
			.build();
		boolean first = backend.execute("a", () -> configuration, (bucket) -> bucket.tryConsume(1));
		boolean second = backend.execute("a", () -> configuration, (bucket) -> bucket.tryConsume(1));
		assertThat(first).isTrue();
		assertThat(second).isFalse();
		for (int i = 0; i < 100; i++) {
			backend.execute("other-" + i, () -> configuration, (bucket) -> bucket.tryConsume(1));
		}
		assertThat(backend.size()).isEqualTo(1);
		boolean again = backend.execute("a", () -> configuration, (bucket) -> bucket.tryConsume(1));
		assertThat(again).isTrue();
	}

}
