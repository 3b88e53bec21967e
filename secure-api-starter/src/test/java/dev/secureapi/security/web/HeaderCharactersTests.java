package dev.secureapi.security.web;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's header predicates against Spring Security's own: the same answer for every
 * code point and for the strings where code points and chars differ.
 */
class HeaderCharactersTests {

	private static final String[] STRINGS = { "", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "a\tb", "\t", "a\u0000b",
			"a\u007Fb", "a\u0085b", "a\u009Fb", "a\u00A0b", "caf\u00E9", "a\u0378b", "\uD83D\uDE00", "x\uD83D\uDE00y",
			"\uD83D", "a\uDE00b", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "\u200Bzero-width", "\uE000private", "\uFFFF",
			"\uDB40\uDC01tag", "a\u2028b", "a\rb", "a\nb" };

	@Test
	void headerValuesAreAllowedExactlyAsBySpringSecuritysDefault() {
		assertSameAnswers(HeaderCharacters::isAllowedValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
	}

	@Test
	void headerAndParameterNamesAreAllowedExactlyAsBySpringSecuritysDefault() {
		assertSameAnswers(HeaderCharacters::isAllowedName, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
		assertSameAnswers(HeaderCharacters::isAllowedName, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
	}

	@Test
	void controlCharactersAndUnassignedCodePointsAreRefused() {
		assertThat(HeaderCharacters.isAllowedValue("Bearer abc\u0085")).isFalse();
		assertThat(HeaderCharacters.isAllowedValue("Bearer abc\u0001")).isFalse();
		assertThat(HeaderCharacters.isAllowedValue("Bearer \u0378")).isFalse();
		assertThat(HeaderCharacters.isAllowedValue("text/plain;\tq=1")).isTrue();
		assertThat(HeaderCharacters.isAllowedName("X-A\tB")).isFalse();
	}

	private static void assertSameAnswers(Predicate<String> kit, Predicate<String> spring) {
		int differences = 0;
		StringBuilder first = new StringBuilder();
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + Character.toString(codePoint) + "b";
			if (kit.test(text) != spring.test(text)) {
				if (differences++ == 0) {
					first.append(Integer.toHexString(codePoint));
				}
			}
		}
		assertThat(differences).as("code points answered differently, the first U+%s", first).isZero();
		for (String text : STRINGS) {
			assertThat(kit.test(text)).as("%s", text.codePoints().mapToObj(Integer::toHexString).toList())
				.isEqualTo(spring.test(text));
		}
	}

}
