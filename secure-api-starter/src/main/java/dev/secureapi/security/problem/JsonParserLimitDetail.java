package dev.secureapi.security.problem;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The detail of a 400 for a JSON body over one of the parser's limits: which limit, its
 * value and the property that sets it, instead of Spring's bare "Failed to read request".
 * Jackson's own message is never shown.
 */
final class JsonParserLimitDetail {

	/**
	 * Jackson's messages end with "exceeds the maximum allowed (64, from
	 * `StreamReadConstraints.getMaxNestingDepth()`)".
	 */
	private static final Pattern LIMIT = Pattern
		.compile("maximum allowed \\((\\d+), from \\W*StreamReadConstraints\\.(getMax\\w+)\\(\\)");

	private static final Map<String, String[]> LIMITS = Map.of("getMaxNestingDepth",
			new String[] { "nesting depth", "max-nesting-depth" }, "getMaxStringLength",
			new String[] { "string length", "max-string-length" }, "getMaxNumberLength",
			new String[] { "number length", "max-number-length" }, "getMaxNameLength",
			new String[] { "property name length", "max-name-length" }, "getMaxDocumentLength",
			new String[] { "document length", "max-document-length" });

	private JsonParserLimitDetail() {
	}

	/**
	 * The parser-limit failure in a cause chain.
	 * @param ex the failure
	 * @return the parser's refusal, or {@code null} when the failure is something else
	 */
	static @Nullable StreamConstraintsException find(Throwable ex) {
		Throwable cause = ex;
		for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
			if (cause instanceof StreamConstraintsException limit) {
				return limit;
			}
		}
		return null;
	}

	/**
	 * Describes a parser-limit refusal for the client.
	 * @param ex the refusal
	 * @return the detail, naming the limit
	 */
	static String describe(StreamConstraintsException ex) {
		String message = ex.getOriginalMessage();
		Matcher matcher = LIMIT.matcher((message != null) ? message : "");
		if (matcher.find()) {
			String[] limit = LIMITS.get(matcher.group(2));
			if (limit != null) {
				return "The JSON " + limit[0] + " exceeds the limit of " + matcher.group(1)
						+ " (secure-api.body-limit.json." + limit[1] + ").";
			}
		}
		return "The JSON document exceeds a limit of the parser (secure-api.body-limit.json.*).";
	}

}
