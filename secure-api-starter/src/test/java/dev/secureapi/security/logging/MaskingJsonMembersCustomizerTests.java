package dev.secureapi.security.logging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs real logging events through Spring Boot's own structured log encoder, which finds
 * the customizer the way an application does: through {@code META-INF/spring.factories},
 * with no property set.
 */
class MaskingJsonMembersCustomizerTests {

	private static final String JWT = MaskingTests.JWT;

	private final MockEnvironment environment = new MockEnvironment();

	private final LoggerContext loggerContext = new LoggerContext();

	private final JsonMapper json = JsonMapper.builder().build();

	MaskingJsonMembersCustomizerTests() {
		this.loggerContext.setMDCAdapter(new LogbackMDCAdapter());
	}

	@Test
	void registeredInSpringFactoriesForBootsLoggingSystem() {
		List<?> customizers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(StructuredLoggingJsonMembersCustomizer.class,
					ArgumentResolver.of(Environment.class, this.environment));
		assertThat(customizers).hasAtLeastOneElementOfType(MaskingJsonMembersCustomizer.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash", "gelf" })
	void messageWithTokenPasswordAndEmailIsMasked(String format) {
		String line = format(format,
				event("login by {} with Bearer {} and password=hunter2", "alice@example.com", JWT));
		assertThat(line).doesNotContain(JWT.substring(4)).doesNotContain("hunter2").doesNotContain("alice@");
		assertThat(line).contains("login by a***@example.com with Bearer **** and password=****");
	}

	@Test
	void valuesUnderSensitiveKeysAreReplacedAndOtherValuesKept() {
		LoggingEvent event = event("user signed in");
		event.setMDCPropertyMap(Map.of("request_id", "r-1", "session_token", "opaque-session-value"));
		event.addKeyValuePair(new KeyValuePair("authorization", "Basic YWxpY2U6c2VjcmV0"));
		event.addKeyValuePair(new KeyValuePair("password", 123456));
		event.addKeyValuePair(new KeyValuePair("user_email", "bob@example.com"));
		event.addKeyValuePair(new KeyValuePair("attempt", 3));
		JsonNode line = this.json.readTree(format("ecs", event));
		assertThat(line.get("request_id").asString()).isEqualTo("r-1");
		assertThat(line.get("session_token").asString()).isEqualTo("****");
		assertThat(line.get("authorization").asString()).isEqualTo("****");
		assertThat(line.get("password").asString()).isEqualTo("****");
		assertThat(line.get("user_email").asString()).isEqualTo("b***@example.com");
		assertThat(line.get("attempt").isNumber()).isTrue();
		assertThat(line.get("attempt").asInt()).isEqualTo(3);
	}

	@Test
	void mapValuesAreMaskedMemberByMember() {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("username", "alice");
		credentials.put("client_secret", "s3cr3t-value");
		LoggingEvent event = event("token request");
		event.addKeyValuePair(new KeyValuePair("request", credentials));
		String line = format("logstash", event);
		assertThat(line).doesNotContain("s3cr3t-value")
			.contains("\"username\":\"alice\"")
			.contains("\"client_secret\":\"****\"");
	}

	@Test
	void exceptionMessagesAndStackTracesAreMasked() {
		LoggingEvent event = new LoggingEvent(getClass().getName(), this.loggerContext.getLogger("test"), Level.ERROR,
				"call failed", new IllegalStateException("upstream rejected token " + JWT + " for carol@example.com"),
				null);
		String line = format("ecs", event);
		assertThat(line).doesNotContain(JWT.substring(4)).doesNotContain("carol@example.com");
		JsonNode error = this.json.readTree(line).get("error");
		assertThat(error.get("message").asString()).isEqualTo("upstream rejected token eyJh**** for c***@example.com");
		assertThat(error.get("stack_trace").asString()).contains("eyJh****").contains("IllegalStateException");
	}

	@Test
	void configuredKeysAndPatternsApply() {
		this.environment.setProperty("secure-api.logging.masking.keys", "pin,password");
		this.environment.setProperty("secure-api.logging.masking.patterns[0]", "ACCT-[0-9]+");
		LoggingEvent event = event("moved funds from ACCT-12345");
		event.addKeyValuePair(new KeyValuePair("card_pin", "4321"));
		event.addKeyValuePair(new KeyValuePair("token", "visible-because-keys-were-replaced"));
		JsonNode line = this.json.readTree(format("ecs", event));
		assertThat(line.get("message").asString()).isEqualTo("moved funds from ****");
		assertThat(line.get("card_pin").asString()).isEqualTo("****");
		assertThat(line.get("token").asString()).isEqualTo("visible-because-keys-were-replaced");
	}

	@Test
	void invalidConfiguredPatternLeavesTheDefaultRulesInPlace() {
		this.environment.setProperty("secure-api.logging.masking.patterns[0]", "([unclosed");
		String line = format("ecs", event("password=hunter2"));
		assertThat(line).contains("password=****").doesNotContain("hunter2");
	}

	@Test
	void namingTheCustomizerInBootsPropertyAsWellMasksTheSame() {
		this.environment.setProperty("logging.structured.json.customizer",
				MaskingJsonMembersCustomizer.class.getName());
		String line = format("ecs", event("password=hunter2 for dave@example.com"));
		assertThat(this.json.readTree(line).get("message").asString()).isEqualTo("password=**** for d***@example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "secure-api.logging.masking.enabled", "secure-api.logging.enabled" })
	void switchedOffMaskingLeavesOutputAsItIs(String property) {
		this.environment.setProperty(property, "false");
		String line = format("ecs", event("password=hunter2"));
		assertThat(line).contains("password=hunter2");
	}

	private LoggingEvent event(String message, @Nullable Object... arguments) {
		return new LoggingEvent(getClass().getName(), this.loggerContext.getLogger("test"), Level.INFO, message, null,
				arguments);
	}

	private String format(String format, LoggingEvent event) {
		this.loggerContext.putObject(Environment.class.getName(), this.environment);
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(this.loggerContext);
		encoder.setFormat(format);
		encoder.start();
		try {
			return new String(encoder.encode(event), StandardCharsets.UTF_8);
		}
		finally {
			encoder.stop();
		}
	}

}
