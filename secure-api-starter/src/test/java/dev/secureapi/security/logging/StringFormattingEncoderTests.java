package dev.secureapi.security.logging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structured encoders of Spring Boot's appenders are replaced by ones that write the
 * same bytes, masking included.
 */
class StringFormattingEncoderTests {

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash", "gelf" })
	void appendersWriteTheSameLinesAfterTheEncoderIsReplaced(String format) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.putObject(Environment.class.getName(), new MockEnvironment());
		StructuredLogEncoder original = new StructuredLogEncoder();
		original.setContext(context);
		original.setFormat(format);
		original.start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(original);
		appender.setOutputStream(out);
		appender.start();
		Logger logger = context.getLogger("secure-api.access");
		logger.addAppender(appender);
		LoggingEvent event = new LoggingEvent(getClass().getName(), logger, Level.INFO,
				"GET /api/things 200 3ms, Bearer {} from ünïcødé 😀", null, new Object[] { MaskingTests.JWT });
		event.addKeyValuePair(new KeyValuePair("path", "/api/things?password=hunter2"));
		event.addKeyValuePair(new KeyValuePair("status", 200));
		String before = new String(original.encode(event), StandardCharsets.UTF_8);

		assertThat(StringFormattingEncoder.install(context)).isEqualTo(1);

		assertThat(appender.getEncoder()).isInstanceOf(StringFormattingEncoder.class);
		logger.callAppenders(event);
		String written = out.toString(StandardCharsets.UTF_8);
		assertThat(written).isEqualTo(before);
		assertThat(written).contains("😀").doesNotContain("hunter2").doesNotContain(MaskingTests.JWT.substring(4));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash", "gelf" })
	void accessLogLinesAreMaskedOnceIntoTheSameBytes(String format) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.putObject(Environment.class.getName(), new MockEnvironment());
		StructuredLogEncoder original = new StructuredLogEncoder();
		original.setContext(context);
		original.setFormat(format);
		original.start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(original);
		appender.setOutputStream(out);
		appender.start();
		Logger logger = context.getLogger(AccessLogFilter.LOGGER_NAME);
		logger.addAppender(appender);
		// what a client can put into a line: the path and its query, the user name (a
		// password typed into the username field, an e-mail address), and context values
		AccessLogLine line = new AccessLogLine("GET", "/api/things/" + MaskingTests.JWT + "?password=hunter2", 200, 3,
				"203.0.113.7", 42, "alice@example.com",
				Map.of("request_id", "req-1", "auth_token", "s3cr3t-value", "note", "Bearer abcdef123456"));
		AccessLogEvent event = new AccessLogEvent(logger, line, line.context());
		String before = new String(original.encode(event), StandardCharsets.UTF_8);

		assertThat(StringFormattingEncoder.install(context)).isEqualTo(1);

		StringFormattingEncoder replaced = (StringFormattingEncoder) appender.getEncoder();
		assertThat(replaced.masksAccessLogLinesOnce()).isTrue();
		logger.callAppenders(event);
		String written = out.toString(StandardCharsets.UTF_8);
		assertThat(written).isEqualTo(before);
		assertThat(written).doesNotContain("hunter2")
			.doesNotContain(MaskingTests.JWT.substring(4))
			.doesNotContain("alice@")
			.doesNotContain("s3cr3t")
			.doesNotContain("abcdef123456")
			.contains("req-1");
	}

	@Test
	void withMaskingOffAccessLogLinesAreWrittenAsTheyAre() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.putObject(Environment.class.getName(),
				new MockEnvironment().withProperty("secure-api.logging.masking.enabled", "false"));
		StructuredLogEncoder original = new StructuredLogEncoder();
		original.setContext(context);
		original.setFormat("ecs");
		original.start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(original);
		appender.setOutputStream(out);
		appender.start();
		Logger logger = context.getLogger(AccessLogFilter.LOGGER_NAME);
		logger.addAppender(appender);
		AccessLogLine line = new AccessLogLine("GET", "/api/things?password=hunter2", 200, 3, "203.0.113.7", 42,
				"alice@example.com", Map.of("request_id", "req-1"));
		StringFormattingEncoder.install(context);

		logger.callAppenders(new AccessLogEvent(logger, line, line.context()));

		assertThat(out.toString(StandardCharsets.UTF_8)).contains("hunter2").contains("alice@example.com");
	}

	@Test
	void theMaskedPlainFormatMasksAccessLogLinesItself() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.putObject(Environment.class.getName(), new MockEnvironment());
		StructuredLogEncoder original = new StructuredLogEncoder();
		original.setContext(context);
		original.setFormat(MaskedPlainLogFormatter.class.getName());
		original.start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(original);
		appender.setOutputStream(out);
		appender.start();
		Logger logger = context.getLogger(AccessLogFilter.LOGGER_NAME);
		logger.addAppender(appender);
		AccessLogLine line = new AccessLogLine("GET", "/api/things?password=hunter2", 200, 3, "203.0.113.7", 42,
				"alice@example.com", Map.of("request_id", "req-1"));
		StringFormattingEncoder.install(context);

		assertThat(((StringFormattingEncoder) appender.getEncoder()).masksAccessLogLinesOnce()).isFalse();
		logger.callAppenders(new AccessLogEvent(logger, line, line.context()));

		assertThat(out.toString(StandardCharsets.UTF_8)).contains("req-1")
			.doesNotContain("hunter2")
			.doesNotContain("alice@");
	}

}
