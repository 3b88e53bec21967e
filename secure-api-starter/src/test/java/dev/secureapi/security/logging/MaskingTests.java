package dev.secureapi.security.logging;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MaskingTests {

	static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9"
			+ ".eyJzdWIiOiI0MiIsInJvbGVzIjpbIlVTRVIiXX0.Zm9vYmFyYmF6cXV4LXNpZ25hdHVyZS1ieXRlcw";

	@Test
	void emailKeepsFirstCharacterAndDomain() {
		assertThat(Masking.email("alice@example.com")).isEqualTo("a***@example.com");
		assertThat(Masking.email("not-an-address")).isEqualTo(Masking.MASK);
		assertThat(Masking.email(null)).isEqualTo("null");
	}

	@Test
	void tokenKeepsAtMostAShortPrefix() {
		assertThat(Masking.token(JWT)).isEqualTo("eyJh****");
		assertThat(Masking.token("short")).isEqualTo(Masking.MASK);
		assertThat(Masking.token(null)).isEqualTo("null");
	}

	@Test
	void genericRevealsNeitherContentNorLength() {
		assertThat(Masking.generic("a")).isEqualTo(Masking.generic("a much longer secret value"))
			.isEqualTo(Masking.MASK);
	}

	@Test
	void bearerTokensAndJwtsAreMasked() {
		assertThat(Masking.maskText("header was Bearer " + JWT + " at login"))
			.isEqualTo("header was Bearer **** at login");
		assertThat(Masking.maskText("token in text " + JWT + ".")).doesNotContain(JWT.substring(10))
			.isEqualTo("token in text eyJh****.");
		assertThat(Masking.maskText("got bearer abcdefgh12345678 from client"))
			.isEqualTo("got bearer **** from client");
	}

	@Test
	void credentialHeadersAreMaskedToTheEndOfTheValue() {
		assertThat(Masking.maskText("Authorization: Digest username=\"bob\", response=\"abc\""))
			.isEqualTo("Authorization: ****");
		assertThat(Masking.maskText("Cookie: SESSION=abc123; theme=dark")).isEqualTo("Cookie: ****");
		assertThat(Masking.maskText("{\"set-cookie\":\"SESSION=abc; HttpOnly\",\"x\":1}"))
			.isEqualTo("{\"set-cookie\":\"****\",\"x\":1}");
		assertThat(Masking.maskText("Authorization: Basic YWxpY2U6c2VjcmV0")).isEqualTo("Authorization: ****");
		assertThat(Masking.maskText("sent Basic YWxpY2U6c2VjcmV0 upstream")).isEqualTo("sent Basic **** upstream");
	}

	@Test
	void basicWordInProseIsLeftAlone() {
		assertThat(Masking.maskText("Basic authentication is disabled")).isEqualTo("Basic authentication is disabled");
	}

	@Test
	void keyValuePairsUnderSensitiveKeysAreMasked() {
		assertThat(Masking.maskText("login password=hunter2 ok")).isEqualTo("login password=**** ok");
		assertThat(Masking.maskText("{username=alice, password=hunter2}")).isEqualTo("{username=alice, password=****}");
		assertThat(Masking.maskText("spring.datasource.password: s3cr3t"))
			.isEqualTo("spring.datasource.password: ****");
		assertThat(Masking.maskText("{\"password\":\"hunter 2 \\\" x\",\"name\":\"bob\"}"))
			.isEqualTo("{\"password\":\"****\",\"name\":\"bob\"}");
		assertThat(Masking.maskText("X-Api-Key=abcdef&page=2")).isEqualTo("X-Api-Key=****&page=2");
		assertThat(Masking.maskText("refresh_token='abc def'")).isEqualTo("refresh_token='****'");
		assertThat(Masking.maskText("args x=db.password=secret y=1")).isEqualTo("args x=db.password=**** y=1");
		assertThat(Masking.maskText("token=YWJjZA== end")).isEqualTo("token=**** end");
	}

	@Test
	void wordsThatOnlyStartWithAKeyAreNotMasked() {
		assertThat(Masking.maskText("passwords_changed=3 tokens=4")).isEqualTo("passwords_changed=3 tokens=4");
	}

	@Test
	void emailAddressesInTextArePartiallyMasked() {
		assertThat(Masking.maskText("welcome mail sent to alice.smith+news@mail.example.com."))
			.isEqualTo("welcome mail sent to a***@mail.example.com.");
	}

	@Test
	void luhnValidCardNumbersAreMaskedKeepingTheLastFourDigits() {
		assertThat(Masking.maskText("card 4111 1111 1111 1111 charged")).isEqualTo("card ****1111 charged");
		assertThat(Masking.maskText("card 5500-0000-0000-0004")).isEqualTo("card ****0004");
		assertThat(Masking.maskText("pan=378282246310005;")).isEqualTo("pan=****0005;");
	}

	@Test
	void digitRunsFailingTheLuhnCheckAreKept() {
		assertThat(Masking.maskText("order 4111111111111112 shipped")).isEqualTo("order 4111111111111112 shipped");
		assertThat(Masking.maskText("took 123456789012 ns")).isEqualTo("took 123456789012 ns");
	}

	@Test
	void textWithoutSecretsIsReturnedUnchanged() {
		String text = "GET /api/v1/users/42 200 12ms";
		assertThat(Masking.maskText(text)).isSameAs(text);
	}

	@Test
	void configuredKeysAndPatternsExtendTheRules() {
		Masker masker = new Masker(List.of("pin", "session-id"), List.of("IBAN[A-Z0-9]{10,}"));
		assertThat(masker.maskText("pin=1234 SessionId: abc iban IBANDE89370400440532013000"))
			.isEqualTo("pin=**** SessionId: **** iban ****");
		assertThat(masker.maskText("password=visible")).as("configured keys replace the defaults")
			.isEqualTo("password=visible");
		assertThat(masker.isSensitiveKey("user_pin")).isTrue();
		assertThat(masker.isSensitiveKey("X-Session-ID")).isTrue();
		assertThat(masker.isSensitiveKey("pinned")).isFalse();
	}

	@Test
	void queryStringParametersUnderSensitiveKeysAreMasked() {
		Masker masker = new Masker(Masking.DEFAULT_KEYS, List.of());
		assertThat(masker.maskQueryString("page=2&access_token=abc&apiKey=zzz&q=alice@example.com"))
			.isEqualTo("page=2&access_token=****&apiKey=****&q=a***@example.com");
	}

	@Test
	void invalidPatternIsRejectedWithTheSettingNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Masker(List.of(), List.of("ok", "([unclosed")))
			.withMessageContaining("patterns[1]")
			.withMessageContaining("([unclosed")
			.withMessageContaining("not a valid regular expression");
	}

}
