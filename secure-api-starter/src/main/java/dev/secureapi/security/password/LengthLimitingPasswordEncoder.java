package dev.secureapi.security.password;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Refuses passwords longer than a limit before they reach the hash function, so a
 * megabyte-long "password" costs nothing (hash-DoS). {@link #matches} answers
 * {@code false}, {@link #encode} throws {@link PasswordTooLongException}.
 *
 * @since 0.1.0
 */
public final class LengthLimitingPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final int maxLength;

	/**
	 * Creates an encoder.
	 * @param delegate the encoder that hashes
	 * @param maxLength the longest accepted password, in characters
	 */
	public LengthLimitingPasswordEncoder(PasswordEncoder delegate, int maxLength) {
		this.delegate = delegate;
		this.maxLength = maxLength;
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		if (rawPassword != null && rawPassword.length() > this.maxLength) {
			throw new PasswordTooLongException(this.maxLength);
		}
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		if (rawPassword == null || rawPassword.length() > this.maxLength) {
			return false;
		}
		return this.delegate.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	/**
	 * The longest accepted password.
	 * @return the limit in characters
	 */
	public int getMaxLength() {
		return this.maxLength;
	}

}
