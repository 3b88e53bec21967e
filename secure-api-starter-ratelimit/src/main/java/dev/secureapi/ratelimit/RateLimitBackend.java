package dev.secureapi.ratelimit;

import java.util.function.Function;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where token buckets are kept. Bucket4j does the bucket arithmetic; a backend only finds
 * the bucket of a key and runs one operation on it.
 *
 * @since 0.1.0
 */
public interface RateLimitBackend {

	/**
	 * Runs an operation on the bucket of a key, creating the bucket when it does not
	 * exist yet.
	 * @param <T> the operation's result type
	 * @param key the bucket's key; the backend adds its own prefix
	 * @param configuration the configuration of a new bucket
	 * @param operation what to do with the bucket
	 * @return the operation's result
	 * @throws RateLimitBackendException when the backend cannot be reached
	 */
	<T> T execute(String key, Supplier<BucketConfiguration> configuration, Function<Bucket, T> operation);

	/**
	 * Whether the backend is answering, as far as this instance knows.
	 * @return whether it is
	 */
	default boolean isAvailable() {
		return true;
	}

}
