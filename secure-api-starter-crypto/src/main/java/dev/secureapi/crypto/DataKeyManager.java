package dev.secureapi.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The envelope: generates data keys through the {@link KeyProvider}, stores them wrapped
 * in the {@link DataKeyStore} (committed on their own before any value is encrypted under
 * them, so a rolled-back write cannot take a key with it that later values still use),
 * and keeps them unwrapped in a bounded cache so that the provider is called once per
 * data key rather than once per value. The key used for encryption is replaced after
 * {@code maxUses} encryptions or {@code maxAge}, whichever comes first, well below the
 * 2^32 random-nonce limit of AES-GCM.
 *
 * @since 0.1.0
 */
public class DataKeyManager {

	private final KeyProvider provider;

	private final DataKeyStore store;

	private final DataKeyCache cache;

	private final Duration maxAge;

	private final long maxUses;

	private final Clock clock;

	private final CryptoMetrics metrics;

	private volatile @Nullable ActiveKey active;

	/**
	 * The last failure to make a data key, and when it happened
	 * ({@link System#nanoTime()}); guarded by this.
	 */
	private @Nullable KeyProviderException generationFailure;

	private long generationFailedAt;

	private volatile Duration providerBackoff = Duration.ZERO;

	/**
	 * Until when ({@link System#nanoTime()}) provider calls are refused after a failed
	 * one; meaningful only while {@link #providerBackoff} is positive.
	 */
	private volatile long providerRefusedUntil;

	private volatile @Nullable KeyProviderException providerFailure;

	/**
	 * Creates a manager.
	 * @param provider the key provider
	 * @param store the key table
	 * @param limits the cache and usage limits
	 * @param clock the clock that ages keys
	 * @param metrics where to report provider calls and cache lookups
	 */
	public DataKeyManager(KeyProvider provider, DataKeyStore store, Limits limits, Clock clock, CryptoMetrics metrics) {
		this.provider = provider;
		this.store = store;
		this.cache = new DataKeyCache(limits.maxEntries(), limits.maxAge(), clock);
		this.maxAge = limits.maxAge();
		this.maxUses = limits.maxUses();
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * Sets how long, after a failed call to the key provider, further calls are refused
	 * at once with the same failure instead of each waiting for the provider's own
	 * timeout: with a provider that hangs, requests that need a key would otherwise queue
	 * behind one another's timeouts. {@link Duration#ZERO} (the default) calls the
	 * provider every time. Setting it ends a back-off in progress.
	 * @param backoff how long calls are refused after a failure
	 */
	public void setProviderBackoff(Duration backoff) {
		this.providerBackoff = backoff;
		this.providerFailure = null;
	}

	/**
	 * The provider this manager wraps keys with.
	 * @return the provider
	 */
	public KeyProvider getProvider() {
		return this.provider;
	}

	/**
	 * The id of the key new values are encrypted under, if one was made yet.
	 * @return the key id
	 */
	public Optional<UUID> activeKeyId() {
		ActiveKey current = this.active;
		return Optional.ofNullable(current).map((key) -> key.key.id());
	}

	/**
	 * Makes a new data key the one new values are encrypted under.
	 * @return the new key's id
	 */
	public synchronized UUID rotate() {
		ActiveKey created = generate();
		this.active = created;
		return created.key.id();
	}

	/**
	 * Forgets every unwrapped key, so the next use of each unwraps it through the
	 * provider again.
	 */
	public synchronized void clearCache() {
		this.active = null;
		this.cache.clear();
	}

	/**
	 * Whether a key may still be encrypting new values somewhere: it is this process's
	 * active key, or it is younger than the maximum age, so another instance may hold it
	 * as its active key.
	 * @param key the stored key
	 * @return whether retiring it now could strand values written after the retirement
	 */
	public boolean mayStillEncrypt(StoredDataKey key) {
		boolean activeHere = activeKeyId().filter(key.id()::equals).isPresent();
		return activeHere || this.clock.instant().isBefore(key.createdAt().plus(this.maxAge));
	}

	/**
	 * Wraps every enabled data key again under the provider's current master key
	 * (master-key rotation). Values are not touched: only the key table changes.
	 * @return how many keys were rewrapped
	 */
	public int rewrapAll() {
		int count = 0;
		for (StoredDataKey key : this.store.findAll()) {
			if (key.status() == StoredDataKey.Status.ENABLED && key.provider().equals(this.provider.name())) {
				WrappedDataKey rewrapped = call("rewrap", () -> this.provider.rewrap(key.wrapped()));
				this.store.updateWrapped(key.id(), rewrapped);
				count++;
			}
		}
		return count;
	}

	DataKey encryptionKey() {
		ActiveKey current = this.active;
		if (current != null && current.tryUse(this.clock.instant())) {
			return current.key;
		}
		return replaceActive(current, System.nanoTime());
	}

	DataKey decryptionKey(UUID id) {
		DataKey cached = this.cache.get(id);
		this.metrics.cacheLookup(cached != null);
		return (cached != null) ? cached : load(id);
	}

	/**
	 * Drops a key from memory, so it is unwrapped again (or refused, when retired) on its
	 * next use.
	 * @param id the key id
	 */
	public void forget(UUID id) {
		this.cache.remove(id);
		ActiveKey current = this.active;
		if (current != null && current.key.id().equals(id)) {
			this.active = null;
		}
	}

	/**
	 * Makes a new active key, one caller at a time. A caller that waited here while
	 * another caller's attempt failed gets that failure at once: with a provider that
	 * hangs, each waiting request would otherwise spend the provider's whole timeout in
	 * turn, and the last one would wait their sum.
	 * @param seen the active key the caller found exhausted, or {@code null} when there
	 * was none
	 * @param requestedAt when the caller asked, in milliseconds of the manager's clock
	 * @return the key to encrypt with
	 */
	private synchronized DataKey replaceActive(@Nullable ActiveKey seen, long requestedAt) {
		ActiveKey current = this.active;
		if (current != seen && current != null && current.tryUse(this.clock.instant())) {
			return current.key;
		}
		KeyProviderException failure = this.generationFailure;
		if (failure != null && this.generationFailedAt - requestedAt >= 0) {
			throw new KeyProviderException(failure.getMessage(), failure);
		}
		ActiveKey created;
		try {
			created = generate();
		}
		catch (KeyProviderException ex) {
			this.generationFailure = ex;
			this.generationFailedAt = System.nanoTime();
			throw ex;
		}
		created.tryUse(this.clock.instant());
		this.active = created;
		return created.key;
	}

	private ActiveKey generate() {
		GeneratedDataKey generated = call("generate-data-key", this.provider::generateDataKey);
		byte[] plaintext = generated.plaintext();
		try {
			Instant now = this.clock.instant();
			DataKey key = new DataKey(UUID.randomUUID(), plaintext);
			// stored durably (committed, outside any transaction of the caller) before
			// its first use: a value
			// encrypted under a key that is not in the table could never be decrypted
			// again
			try {
				this.store.insert(new StoredDataKey(key.id(), this.provider.name(), generated.wrapped(),
						StoredDataKey.Status.ENABLED, now));
			}
			catch (RuntimeException ex) {
				throw new DataKeyStoreException(
						"A new data key could not be stored in the key table; nothing was " + "encrypted under it", ex);
			}
			this.cache.put(key);
			return new ActiveKey(key, now.plus(this.maxAge), this.maxUses);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
			generated.destroy();
		}
	}

	private synchronized DataKey load(UUID id) {
		DataKey cached = this.cache.get(id);
		if (cached != null) {
			return cached;
		}
		StoredDataKey stored = this.store.find(id)
			.filter((key) -> key.status() == StoredDataKey.Status.ENABLED)
			.orElseThrow(() -> new FieldDecryptionException(FieldDecryptionException.Reason.UNKNOWN_KEY,
					"Data key " + id + " is not in the key table or is retired"));
		byte[] plaintext = call("decrypt-data-key", () -> this.provider.decryptDataKey(stored.wrapped()));
		try {
			if (plaintext.length != GeneratedDataKey.KEY_LENGTH) {
				throw new KeyProviderException("Provider '" + this.provider.name() + "' returned a data key of "
						+ plaintext.length + " bytes for key " + id + "; expected 32");
			}
			DataKey key = new DataKey(id, plaintext);
			this.cache.put(key);
			return key;
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	<T> T call(String operation, Supplier<T> call) {
		KeyProviderException recent = this.providerFailure;
		if (recent != null && this.providerRefusedUntil - System.nanoTime() > 0) {
			throw new KeyProviderException("Key provider '" + this.provider.name() + "' failed moments ago; not "
					+ "called again to " + operation.replace('-', ' ') + " until its back-off has passed", recent);
		}
		long start = System.nanoTime();
		boolean success = false;
		try {
			T result = call.get();
			success = true;
			return result;
		}
		catch (KeyProviderException ex) {
			throw backOff(ex);
		}
		catch (RuntimeException ex) {
			throw backOff(new KeyProviderException(
					"Key provider '" + this.provider.name() + "' failed to " + operation.replace('-', ' '), ex));
		}
		finally {
			this.metrics.providerCall(this.provider.name(), operation, success,
					Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private KeyProviderException backOff(KeyProviderException failure) {
		Duration backoff = this.providerBackoff;
		if (!backoff.isZero() && !backoff.isNegative()) {
			this.providerRefusedUntil = System.nanoTime() + backoff.toNanos();
			this.providerFailure = failure;
		}
		return failure;
	}

	/**
	 * Limits on data-key use and caching.
	 *
	 * @param maxAge how long a data key encrypts and stays cached after unwrapping
	 * @param maxEntries how many unwrapped keys the cache holds
	 * @param maxUses how many values one data key encrypts before a new one is made
	 */
	public record Limits(Duration maxAge, int maxEntries, long maxUses) {
	}

	private static final class ActiveKey {

		private final DataKey key;

		private final Instant expiresAt;

		private final AtomicLong remaining;

		ActiveKey(DataKey key, Instant expiresAt, long maxUses) {
			this.key = key;
			this.expiresAt = expiresAt;
			this.remaining = new AtomicLong(maxUses);
		}

		boolean tryUse(Instant now) {
			return now.isBefore(this.expiresAt) && this.remaining.getAndDecrement() > 0;
		}

	}

}
