package dev.secureapi.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.remote.Request;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;

/**
 * Bucket4j's Lettuce proxy manager with a compare-and-swap that usually needs one round
 * trip instead of two.
 * <p>
 * Bucket4j's compare-and-swap protocol reads a bucket's state ({@code GET}), lets
 * Bucket4j apply the command to it, and writes the result only if the state is still the
 * one read (a script). This manager remembers the state it last wrote or saw for each
 * bucket, so Bucket4j starts from that state without reading it; its swap script answers
 * a lost swap with the state Redis holds, so Bucket4j's retry starts from that one, again
 * without a read. A check therefore costs one round trip when this instance wrote the
 * bucket last, and two when another instance did. Admission stays exact: a state is only
 * ever written over the very bytes it was computed from.
 * <p>
 * A command that writes nothing (a refused request) has been answered from remembered
 * state alone, which may be older than Redis (another instance may have added tokens), so
 * it is run again without it: it then starts from an empty bucket, whose creation is a
 * swap that Redis answers with the state it holds. No check ever needs a {@code GET}.
 */
class RememberingLettuceProxyManager extends LettuceBasedProxyManager<String> {

	/**
	 * Sets the key to {@code ARGV[3]} when it holds {@code ARGV[2]} (or nothing, when
	 * {@code ARGV[1]} is {@code 0}), with an expiry of {@code ARGV[4]} milliseconds
	 * unless that is {@code 0}. Answers {@code {1}} when it did, else {@code {0,
	 * current}} or {@code {0}} when the key holds nothing. It touches its one declared
	 * key only, so on a Redis Cluster it runs on the primary of that key's slot like any
	 * single-key command.
	 */
	static final String COMPARE_AND_SWAP_SCRIPT = """
			local current = redis.call('get', KEYS[1])
			local matches
			if ARGV[1] == '1' then matches = (current == ARGV[2]) else matches = (current == false) end
			if matches then
			  if ARGV[4] == '0' then
			    redis.call('set', KEYS[1], ARGV[3])
			  else
			    redis.call('set', KEYS[1], ARGV[3], 'px', ARGV[4])
			  end
			  return {1}
			end
			if current then return {0, current} end
			return {0}
			""";

	private static final byte[] ABSENT = "0".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PRESENT = "1".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NONE = new byte[0];

	private final RedisApi<String> redisApi;

	private final ExpirationAfterWriteStrategy expiration;

	private final Cache<String, byte[]> knownStates;

	/**
	 * The operation of the command running on this thread: Bucket4j creates it inside
	 * {@link #execute}, which has to see afterwards whether Redis confirmed the result.
	 */
	private final ThreadLocal<@Nullable RememberingOperation> currentOperation = new ThreadLocal<>();

	/**
	 * Creates a proxy manager.
	 * @param builder the Bucket4j builder, with the Redis connection, timeout and expiry
	 * @param rememberedKeys how many buckets' states to remember at most
	 */
	RememberingLettuceProxyManager(Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder,
			long rememberedKeys) {
		super(builder);
		this.redisApi = builder.getRedisApi();
		this.expiration = builder.getExpirationAfterWrite().orElse(ExpirationAfterWriteStrategy.none());
		this.knownStates = Caffeine.newBuilder().maximumSize(rememberedKeys).executor(Runnable::run).build();
	}

	@Override
	public <T> CommandResult<T> execute(String key, Request<T> request) {
		try {
			CommandResult<T> result = super.execute(key, request);
			RememberingOperation operation = this.currentOperation.get();
			if (operation == null || operation.verified || result.isBucketNotFound()) {
				// a missing bucket is created next by a command that writes, and so is
				// checked by its swap
				return result;
			}
			// answered from remembered state alone: forget it, so the second run's swap
			// gets Redis's state
			this.knownStates.invalidate(key);
			return super.execute(key, request);
		}
		finally {
			this.currentOperation.remove();
		}
	}

	@Override
	protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
		RememberingOperation operation = new RememberingOperation(key);
		this.currentOperation.set(operation);
		return operation;
	}

	/**
	 * Forgets what this instance knows of a bucket's state, then deletes it.
	 */
	@Override
	public void removeProxy(String key) {
		this.knownStates.invalidate(key);
		super.removeProxy(key);
	}

	/**
	 * How many bucket states are remembered now.
	 * @return the number of states
	 */
	long rememberedStates() {
		this.knownStates.cleanUp();
		return this.knownStates.estimatedSize();
	}

	private static <V> V await(RedisFuture<V> future, Optional<Long> timeoutNanos) {
		try {
			return (timeoutNanos.isPresent()) ? future.get(timeoutNanos.get(), TimeUnit.NANOSECONDS) : future.get();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new RedisException(ex);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new io.github.bucket4j.TimeoutException(
					"Redis did not answer within " + timeoutNanos.orElse(0L) + " ns", timeoutNanos.orElse(0L),
					timeoutNanos.orElse(0L));
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RedisException redisException) {
				throw redisException;
			}
			throw new RedisException("Redis command failed", ex.getCause());
		}
	}

	/**
	 * One bucket command, over as many swap attempts as it takes. Each attempt starts
	 * from the state the previous one learnt: remembered, or answered by Redis with a
	 * lost swap.
	 */
	private final class RememberingOperation implements CompareAndSwapOperation {

		private final String key;

		private final String[] keys;

		private byte @Nullable [] expected;

		/**
		 * Whether Redis has answered a swap of this command, so the result rests on what
		 * Redis holds.
		 */
		private boolean verified;

		RememberingOperation(String key) {
			this.key = key;
			this.keys = new String[] { key };
			this.expected = RememberingLettuceProxyManager.this.knownStates.getIfPresent(key);
		}

		/**
		 * The state to start from, never read from Redis: the first attempt starts from
		 * remembered state (none for a bucket this instance does not know), a retry from
		 * what the lost swap answered.
		 */
		@Override
		public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
			return Optional.ofNullable(this.expected);
		}

		@Override
		public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
				Optional<Long> timeoutNanos) {
			long ttlMillis = RememberingLettuceProxyManager.this.expiration.calculateTimeToLiveMillis(newState,
					currentTimeNanos());
			byte[][] arguments = { (originalData != null) ? PRESENT : ABSENT,
					(originalData != null) ? originalData : NONE, newData,
					Long.toString(Math.max(0, ttlMillis)).getBytes(StandardCharsets.US_ASCII) };
			List<Object> reply = await(RememberingLettuceProxyManager.this.redisApi.eval(COMPARE_AND_SWAP_SCRIPT,
					ScriptOutputType.MULTI, this.keys, arguments), timeoutNanos);
			this.verified = true;
			if (((Long) reply.get(0)) == 1L) {
				RememberingLettuceProxyManager.this.knownStates.put(this.key, newData);
				return true;
			}
			// lost: the next attempt starts from what Redis holds now, without reading it
			// again
			this.expected = (reply.size() > 1) ? (byte[]) reply.get(1) : null;
			if (this.expected != null) {
				RememberingLettuceProxyManager.this.knownStates.put(this.key, this.expected);
			}
			else {
				RememberingLettuceProxyManager.this.knownStates.invalidate(this.key);
			}
			return false;
		}

	}

}
