package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Keeps buckets in this instance's memory, in a Caffeine cache bounded by a number of
 * keys. A bucket idle for longer than the longest period it could need to refill is full
 * again, so dropping it loses nothing; beyond the key bound the least recently used
 * buckets are dropped, so a flood of distinct clients cannot exhaust memory.
 *
 * @since 0.1.0
 */
public class LocalRateLimitBackend implements RateLimitBackend {

	private final Cache<String, Bucket> buckets;

	/**
	 * Creates a backend.
	 * @param maxKeys how many buckets to keep at most
	 * @param idleExpiry how long an unused bucket is kept
	 */
	public LocalRateLimitBackend(long maxKeys, Duration idleExpiry) {
		// maintenance (eviction, expiry) runs on the calling thread: handing it to the
		// common pool wakes another
		// thread every few reads, which costs more than the work itself on a busy server
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxKeys)
			.expireAfterAccess(idleExpiry)
			.executor(Runnable::run)
			.build();
	}

	@Override
	public <T> T execute(String key, Supplier<BucketConfiguration> configuration, Function<Bucket, T> operation) {
		Bucket bucket = this.buckets.get(key, (k) -> newBucket(configuration.get()));
		return operation.apply(bucket);
	}

	/**
	 * How many buckets are kept now, after pending evictions have run.
	 * @return the number of buckets
	 */
	public long size() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private static Bucket newBucket(BucketConfiguration configuration) {
		LocalBucketBuilder builder = Bucket.builder();
		for (Bandwidth bandwidth : configuration.getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

}
