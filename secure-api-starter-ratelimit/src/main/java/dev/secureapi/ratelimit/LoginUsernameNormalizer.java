package dev.secureapi.ratelimit;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns a submitted username into the form the application looks users up by, so the
 * login guard counts every spelling of one account against one counter: with a
 * case-insensitive user store, {@code Alice}, {@code alice} and the full-width
 * {@code Ａｌｉｃｅ} name one account and must not get three sets of guesses.
 *
 * <p>
 * The default, {@link #nfkcLowerCase()}, applies Unicode NFKC normalisation (full-width
 * and other compatibility forms become their plain letters) and then lower case (root
 * locale). Declare a bean of this type when the user store compares differently, for
 * example {@code username -> username} for a store that is case-sensitive and stores
 * usernames exactly as typed.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LoginUsernameNormalizer {

	/**
	 * Normalises a username.
	 * @param username the username as submitted, already checked for length and control
	 * characters
	 * @return the form users are looked up by
	 */
	String normalize(String username);

	/**
	 * Unicode NFKC, then lower case in the root locale.
	 * @return the default normalizer
	 */
	static LoginUsernameNormalizer nfkcLowerCase() {
		return (username) -> Normalizer.normalize(username, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

}
