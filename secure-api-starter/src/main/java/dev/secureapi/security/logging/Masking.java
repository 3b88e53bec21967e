package dev.secureapi.security.logging;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Masking for application code, with the same rules the masked JSON logs apply. Use it
 * where a value is logged or shown and must not be readable in full: <pre class="code">
 * log.info("Password reset requested for {}", Masking.email(user.getEmail()));
 * </pre> Every method returns {@code "null"} for a {@code null} argument, as a log
 * statement would print it.
 *
 * @since 0.1.0
 */
public final class Masking {

	/** What a masked value, or the masked part of a value, is replaced with. */
	public static final String MASK = "****";

	/**
	 * The default sensitive keys: values under these names (and names ending with them)
	 * are masked as a whole.
	 */
	public static final List<String> DEFAULT_KEYS = List.of("password", "passwd", "secret", "token", "authorization",
			"cookie", "set-cookie", "api-key", "private-key", "credentials");

	private static final Masker DEFAULT = new Masker(DEFAULT_KEYS, List.of());

	private static final int TOKEN_PREFIX = 4;

	private Masking() {
	}

	/**
	 * Masks an e-mail address, keeping its first character and its domain:
	 * {@code alice@example.com} becomes {@code a***@example.com}. A value that is not an
	 * e-mail address is masked as a whole.
	 * @param email the address
	 * @return the masked address
	 */
	public static String email(@Nullable String email) {
		if (email == null) {
			return "null";
		}
		int at = email.lastIndexOf('@');
		if (at < 1 || at == email.length() - 1) {
			return generic(email);
		}
		return email.charAt(0) + "***" + email.substring(at);
	}

	/**
	 * Masks a token, API key or similar credential, keeping at most its first four
	 * characters (which identify the kind of token, not the token): values of eight
	 * characters or fewer are masked as a whole.
	 * @param token the token
	 * @return the masked token
	 */
	public static String token(@Nullable String token) {
		if (token == null) {
			return "null";
		}
		return (token.length() > 2 * TOKEN_PREFIX) ? token.substring(0, TOKEN_PREFIX) + MASK : MASK;
	}

	/**
	 * Masks a value as a whole, revealing neither its content nor its length.
	 * @param value the value
	 * @return {@link #MASK}, or {@code "null"} for {@code null}
	 */
	public static String generic(@Nullable Object value) {
		return (value != null) ? MASK : "null";
	}

	/**
	 * Masks what the default rules recognise in free text: bearer and basic credentials,
	 * JWTs, {@code password=...}-style pairs and JSON members under the
	 * {@link #DEFAULT_KEYS default keys},
	 * {@code Authorization}/{@code Cookie}/{@code Set-Cookie} header values, e-mail
	 * addresses (partially) and card numbers that pass the Luhn check (keeping the last
	 * four digits).
	 * @param text the text
	 * @return the masked text
	 */
	public static String maskText(@Nullable String text) {
		return (text != null) ? DEFAULT.maskText(text) : "null";
	}

}
