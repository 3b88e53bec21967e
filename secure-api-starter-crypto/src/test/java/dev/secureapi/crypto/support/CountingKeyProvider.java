package dev.secureapi.crypto.support;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.secureapi.crypto.GeneratedDataKey;
import dev.secureapi.crypto.KeyProvider;
import dev.secureapi.crypto.KeyProviderException;
import dev.secureapi.crypto.WrappedDataKey;

/**
 * Counts the calls made to a real provider, and can make it fail as an unreachable
 * provider would.
 */
public class CountingKeyProvider implements KeyProvider {

	private final KeyProvider delegate;

	private final AtomicInteger generateCalls = new AtomicInteger();

	private final AtomicInteger decryptCalls = new AtomicInteger();

	private final AtomicBoolean failing = new AtomicBoolean();

	public CountingKeyProvider(KeyProvider delegate) {
		this.delegate = delegate;
	}

	public int generateCalls() {
		return this.generateCalls.get();
	}

	public int decryptCalls() {
		return this.decryptCalls.get();
	}

	public int calls() {
		return generateCalls() + decryptCalls();
	}

	public void failing(boolean failing) {
		this.failing.set(failing);
	}

	@Override
	public String name() {
		return this.delegate.name();
	}

	@Override
	public GeneratedDataKey generateDataKey() {
		this.generateCalls.incrementAndGet();
		checkReachable();
		return this.delegate.generateDataKey();
	}

	@Override
	public byte[] decryptDataKey(WrappedDataKey wrapped) {
		this.decryptCalls.incrementAndGet();
		checkReachable();
		return this.delegate.decryptDataKey(wrapped);
	}

	@Override
	public WrappedDataKey rewrap(WrappedDataKey wrapped) {
		checkReachable();
		return this.delegate.rewrap(wrapped);
	}

	private void checkReachable() {
		if (this.failing.get()) {
			throw new KeyProviderException("provider unreachable");
		}
	}

}
