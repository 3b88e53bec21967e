package dev.secureapi.example.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What makes an administrator password acceptable: at least 12 characters from at least
 * three of lower case, upper case, digits and other characters, not containing the user
 * name or a well-known weak word.
 */
final class AdminPasswordPolicy {

	static final int MIN_LENGTH = 12;

	private static final List<String> WEAK_WORDS = List.of("password", "passw0rd", "admin", "changeme", "secret",
			"123456", "qwerty", "letmein", "welcome", "default");

	private AdminPasswordPolicy() {
	}

	/**
	 * Checks a password.
	 * @param username the administrator's user name
	 * @param password the password
	 * @return why the password is weak; empty when it is acceptable
	 */
	static List<String> weaknesses(String username, String password) {
		List<String> reasons = new ArrayList<>();
		if (password.length() < MIN_LENGTH) {
			reasons.add("it has fewer than " + MIN_LENGTH + " characters");
		}
		if (characterClasses(password) < 3) {
			reasons.add("it uses fewer than three of: lower case, upper case, digits, other characters");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (!username.isEmpty() && lower.contains(username.toLowerCase(Locale.ROOT))) {
			reasons.add("it contains the user name");
		}
		WEAK_WORDS.stream()
			.filter(lower::contains)
			.findFirst()
			.ifPresent((word) -> reasons.add("it contains the well-known word '" + word + "'"));
		return reasons;
	}

	private static int characterClasses(String password) {
		boolean lower = password.chars().anyMatch(Character::isLowerCase);
		boolean upper = password.chars().anyMatch(Character::isUpperCase);
		boolean digit = password.chars().anyMatch(Character::isDigit);
		boolean other = password.chars().anyMatch((c) -> !Character.isLetterOrDigit(c));
		return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
	}

}
