package dev.secureapi.security.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A set of masking rules: the built-in patterns of {@link Masking} (bearer and basic
 * credentials, JWTs, e-mail addresses, card numbers, credential headers),
 * {@code key=value} pairs and JSON members under sensitive keys, and extra regular
 * expressions. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Masker {

	private static final String MASK = Masking.MASK;

	private static final Pattern CREDENTIAL_HEADER = Pattern
		.compile("(?i)(?<![a-z0-9-])((?:proxy-)?authorization|set-cookie|cookie)(\"?\\s*[:=]\\s*)"
				+ "(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\r\\n]+)");

	private static final Pattern BEARER = Pattern.compile("(?i)(?<![a-z0-9])(bearer)\\s+[a-z0-9._~+/-]{8,}=*");

	private static final Pattern BASIC = Pattern
		.compile("(?i)(?<![a-z0-9])(basic)\\s+([a-z0-9+/]{8,}={0,2})(?![a-z0-9+/=])");

	private static final Pattern JWT = Pattern.compile(
			"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+){0,2}");

	private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*"
			+ "@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,})");

	private static final Pattern CARD = Pattern.compile("(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])");

	private static final Pattern NAME_SEPARATOR = Pattern
		.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]++)([\"']?\\s*+[:=]\\s*+)");

	private static final Pattern VALUE = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*+\"|'[^']*+'|[^\\s\"'&,;)}\\]]++");

	private final List<String> keys;

	private final List<Pattern> patterns;

	/**
	 * Creates rules.
	 * @param keys names whose values are always masked, compared ignoring case and
	 * separators ({@code api-key} matches {@code X-Api-Key}, {@code api_key} and
	 * {@code apiKey}); a name also matches when it ends with a key ({@code password}
	 * matches {@code db.password})
	 * @param patterns extra regular expressions whose every match is masked
	 * @throws IllegalArgumentException if a pattern is not a valid regular expression
	 */
	public Masker(Collection<String> keys, Collection<String> patterns) {
		this.keys = keys.stream().map(Masker::normalize).filter((key) -> !key.isEmpty()).distinct().toList();
		List<Pattern> compiled = new ArrayList<>();
		int index = 0;
		for (String pattern : patterns) {
			compiled.add(compile(pattern, "patterns[" + index++ + "]"));
		}
		this.patterns = List.copyOf(compiled);
	}

	/**
	 * Compiles a configured regular expression.
	 * @param regex the expression
	 * @param name how the setting is named in an error message
	 * @return the pattern
	 * @throws IllegalArgumentException with a message naming the setting when it is not
	 * valid
	 */
	static Pattern compile(String regex, String name) {
		Assert.hasLength(regex, () -> "Masking pattern " + name + " must not be empty");
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("Masking pattern " + name + " '" + regex
					+ "' is not a valid regular expression: " + ex.getDescription(), ex);
		}
	}

	/**
	 * Whether values under the given name are masked as a whole.
	 * @param name a JSON member, MDC, query parameter or header name
	 * @return whether the name is, or ends with, a sensitive key
	 */
	public boolean isSensitiveKey(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return false;
		}
		String normalized = normalize(name);
		for (String key : this.keys) {
			if (normalized.endsWith(key)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Masks every secret this set of rules recognises in free text.
	 * @param text the text, such as a log message
	 * @return the text with secrets replaced; the same instance when nothing was found
	 */
	public String maskText(String text) {
		if (text.length() < 6) {
			return text;
		}
		// cheap checks first: most logged values (paths, ids, logger and thread names)
		// need no regex at all
		boolean hasSeparator = text.indexOf('=') >= 0 || text.indexOf(':') >= 0;
		String result = text;
		if (hasSeparator && (containsIgnoringCase(result, "authorization") || containsIgnoringCase(result, "cookie"))) {
			result = replace(CREDENTIAL_HEADER, result,
					(match) -> match.group(1) + match.group(2) + quotedMask(match.group(3)));
		}
		if (containsIgnoringCase(result, "bearer")) {
			result = replace(BEARER, result, (match) -> match.group(1) + " " + MASK);
		}
		if (containsIgnoringCase(result, "basic")) {
			result = replace(BASIC, result,
					(match) -> (match.group(2).length() % 4 == 0) ? match.group(1) + " " + MASK : match.group());
		}
		if (result.contains("eyJ")) {
			result = replace(JWT, result, (match) -> Masking.token(match.group()));
		}
		if (hasSeparator && !this.keys.isEmpty()) {
			result = maskSensitiveValues(result);
		}
		if (result.indexOf('@') >= 0) {
			result = replace(EMAIL, result, (match) -> match.group(1) + "***@" + match.group(2));
		}
		if (hasCardCandidate(result)) {
			result = replace(CARD, result, Masker::maskCard);
		}
		for (Pattern pattern : this.patterns) {
			result = replace(pattern, result, (match) -> MASK);
		}
		return result;
	}

	/**
	 * Masks the value of every {@code name=value}, {@code name: value} or
	 * {@code "name":"value"} pair whose name is sensitive. A pair whose name is not
	 * sensitive is stepped over name by name, not value by value, so that
	 * {@code x=db.password=secret} is still caught.
	 * @param text the text to mask
	 * @return the text with those values masked
	 */
	private String maskSensitiveValues(String text) {
		Matcher name = NAME_SEPARATOR.matcher(text);
		Matcher value = VALUE.matcher(text);
		StringBuilder result = null;
		int copied = 0;
		int from = 0;
		while (from < text.length() && name.find(from)) {
			from = name.end();
			if (isSensitiveKey(name.group(1)) && value.region(name.end(), text.length()).lookingAt()) {
				result = (result != null) ? result : new StringBuilder(text.length());
				result.append(text, copied, name.end()).append(quotedMask(value.group()));
				copied = value.end();
				from = value.end();
			}
		}
		return (result != null) ? result.append(text, copied, text.length()).toString() : text;
	}

	/**
	 * Whether a text contains a word, ignoring case as
	 * {@link String#regionMatches(boolean, int, String, int, int)} does.
	 * @param text the text
	 * @param word a lower-case ASCII word
	 * @return whether the text contains it
	 */
	private static boolean containsIgnoringCase(String text, String word) {
		char lower = word.charAt(0);
		char upper = Character.toUpperCase(lower);
		int last = text.length() - word.length();
		for (int i = 0; i <= last; i++) {
			char ch = text.charAt(i);
			// only a position starting with the word's first letter (or with a non-ASCII
			// character, which may fold to it) is compared in full
			if ((ch == lower || ch == upper || ch > 127) && text.regionMatches(true, i, word, 0, word.length())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Masks a query string: values of sensitive parameters are replaced, then the text
	 * rules apply.
	 * @param query the query string, without {@code ?}
	 * @return the masked query string
	 */
	public String maskQueryString(String query) {
		StringBuilder masked = new StringBuilder(query.length());
		for (String parameter : query.split("&", -1)) {
			if (!masked.isEmpty()) {
				masked.append('&');
			}
			int equals = parameter.indexOf('=');
			String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			masked.append((equals >= 0 && isSensitiveKey(name)) ? name + "=" + MASK : parameter);
		}
		return maskText(masked.toString());
	}

	private static String quotedMask(String value) {
		if (value.startsWith("\"")) {
			return "\"" + MASK + "\"";
		}
		return value.startsWith("'") ? "'" + MASK + "'" : MASK;
	}

	private static String maskCard(MatchResult match) {
		String digits = match.group().replaceAll("[ -]", "");
		return isLuhnValid(digits) ? MASK + digits.substring(digits.length() - 4) : match.group();
	}

	/**
	 * Whether the text has a run of at least 13 digits, single spaces or hyphens allowed
	 * between two digits: the only place {@code CARD} can match. Ids such as UUIDs and
	 * trace ids have many digits but not such a run, so they skip the expression.
	 * @param text the text to look at
	 * @return whether {@code CARD} could match
	 */
	private static boolean hasCardCandidate(String text) {
		int run = 0;
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (ch >= '0' && ch <= '9') {
				if (++run >= 13) {
					return true;
				}
			}
			else if (!((ch == ' ' || ch == '-') && run > 0 && i + 1 < text.length() && isDigit(text.charAt(i + 1)))) {
				run = 0;
			}
		}
		return false;
	}

	private static boolean isDigit(char ch) {
		return ch >= '0' && ch <= '9';
	}

	static boolean isLuhnValid(String digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (doubled) {
				digit = (digit * 2 > 9) ? digit * 2 - 9 : digit * 2;
			}
			sum += digit;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	private static String replace(Pattern pattern, String text, Function<MatchResult, String> replacement) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder result = new StringBuilder(text.length());
		do {
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement.apply(matcher)));
		}
		while (matcher.find());
		matcher.appendTail(result);
		return result.toString();
	}

	private static String normalize(String name) {
		StringBuilder normalized = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char ch = name.charAt(i);
			if (Character.isLetterOrDigit(ch)) {
				normalized.append(Character.toLowerCase(ch));
			}
		}
		return normalized.toString();
	}

}
