package dev.secureapi.security.web;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The characters {@link StrictHttpFirewall} allows by default in header names and values
 * and in parameter names, decided without a regular expression.
 * <p>
 * Spring Security's defaults match every value read through the firewalled request
 * against {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (header values also allow a tab),
 * which costs a {@link Character#getType(int)} and several predicate calls per character:
 * on a bearer token of 300 characters that was a tenth of a request's CPU. These
 * predicates accept and refuse exactly the same strings (every code point, checked in
 * {@code HeaderCharactersTests}); printable ASCII takes a single comparison.
 */
final class HeaderCharacters {

	private HeaderCharacters() {
	}

	/**
	 * Whether a header or parameter name holds only assigned, non-control code points.
	 * @param name the name
	 * @return whether the firewall allows it
	 */
	static boolean isAllowedName(String name) {
		return allows(name, false);
	}

	/**
	 * Whether a header value holds only assigned code points that are not control
	 * characters, a tab excepted.
	 * @param value the value
	 * @return whether the firewall allows it
	 */
	static boolean isAllowedValue(String value) {
		return allows(value, true);
	}

	private static boolean allows(String text, boolean tab) {
		int length = text.length();
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c >= ' ' && c < 0x7F) {
				i++;
				continue;
			}
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
