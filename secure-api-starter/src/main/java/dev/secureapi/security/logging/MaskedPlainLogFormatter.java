package dev.secureapi.security.logging;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

/**
 * Plain-text console lines, masked by the same rules as the JSON formats: what
 * {@code secure-api.logging.console-format
 * = plain} selects. A line reads like Spring Boot's default console pattern, followed by
 * the event's key/value pairs and MDC entries: <pre>
 * 2026-01-05T10:15:30.123Z  INFO 4242 --- [nio-8080-exec-1] secure-api.access : GET /api/v1/users 200 12ms method=GET ... request_id=...
 * </pre> It is a structured-logging formatter (not a pattern layout) because that is the
 * one place Spring Boot's logging lets a starter see every event before it is written.
 *
 * @since 0.1.0
 */
public class MaskedPlainLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
		.withZone(ZoneId.systemDefault());

	private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(39);

	private final @Nullable Masker masker;

	private final String pid;

	/**
	 * Creates a formatter configured from the environment.
	 * @param environment the environment holding the {@code secure-api.logging.*}
	 * properties
	 */
	public MaskedPlainLogFormatter(Environment environment) {
		this.masker = MaskingJsonMembersCustomizer.masker(environment);
		this.pid = Long.toString(ProcessHandle.current().pid());
	}

	@Override
	public String format(ILoggingEvent event) {
		StringBuilder line = new StringBuilder(160);
		line.append(TIMESTAMP.format(event.getInstant())).append(' ');
		line.append(String.format("%5s", event.getLevel())).append(' ').append(this.pid).append(" --- [");
		line.append(event.getThreadName()).append("] ");
		line.append(this.abbreviator.abbreviate(event.getLoggerName())).append(" : ");
		line.append(mask(event.getFormattedMessage()));
		List<KeyValuePair> pairs = event.getKeyValuePairs();
		if (pairs != null) {
			for (KeyValuePair pair : pairs) {
				append(line, pair.key, pair.value);
			}
		}
		Map<String, String> mdc = event.getMDCPropertyMap();
		if (mdc != null) {
			mdc.forEach((key, value) -> append(line, key, value));
		}
		line.append(System.lineSeparator());
		IThrowableProxy throwable = event.getThrowableProxy();
		if (throwable != null) {
			line.append(mask(ThrowableProxyUtil.asString(throwable))).append(System.lineSeparator());
		}
		return line.toString();
	}

	private void append(StringBuilder line, @Nullable String key, @Nullable Object value) {
		line.append(' ').append(key).append('=');
		if (value == null) {
			line.append("null");
		}
		else if (this.masker != null && this.masker.isSensitiveKey(key)) {
			line.append(Masking.MASK);
		}
		else {
			line.append(mask(value.toString()));
		}
	}

	private String mask(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return (this.masker != null) ? this.masker.maskText(text) : text;
	}

}
