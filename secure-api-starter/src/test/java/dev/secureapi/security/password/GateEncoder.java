package dev.secureapi.security.password;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A test encoder ("hash" = the password itself) that, while closed, holds every caller
 * until it is opened: a password hash that takes as long as the test wants.
 */
public final class GateEncoder implements PasswordEncoder {

	private volatile CountDownLatch open = new CountDownLatch(0);

	private volatile CountDownLatch entered = new CountDownLatch(0);

	volatile boolean fail;

	/** Holds callers from now on. */
	public void close() {
		this.entered = new CountDownLatch(1);
		this.open = new CountDownLatch(1);
	}

	/** Lets every held and later caller through. */
	public void open() {
		this.open.countDown();
	}

	/**
	 * Waits until a caller is held.
	 * @throws InterruptedException when interrupted
	 */
	public void awaitEntered() throws InterruptedException {
		if (!this.entered.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("no caller reached the encoder");
		}
	}

	@Override
	public String encode(CharSequence rawPassword) {
		pass();
		return rawPassword.toString();
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		pass();
		return rawPassword.toString().equals(encodedPassword);
	}

	private void pass() {
		if (this.fail) {
			throw new IllegalStateException("hash failed");
		}
		this.entered.countDown();
		try {
			if (!this.open.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the gate stayed closed");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
