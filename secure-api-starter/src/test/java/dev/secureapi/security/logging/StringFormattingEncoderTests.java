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
import ch.qos.logback.core.encoder.Encoder;
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

	private static final AccessLogLine LINE = new AccessLogLine("GET", "/api/things?password=hunter2", 200, 3,
			"203.0.113.7", 42, "alice@example.com", Map.of("request_id", "req-1"));

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
		LoggerContext context = context(new MockEnvironment());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Logger logger = accessLogger(context, format, out);
		// what a client can put into a line: the path and its query, the user name (a
		// password typed into the username field, an e-mail address), and context values
		AccessLogLine line = new AccessLogLine("GET", "/api/things/" + MaskingTests.JWT + "?password=hunter2", 200, 3,
				"203.0.113.7", 42, "alice@example.com", Map.of("request_id", "req-1", "auth_token", "s3cr3t-value",
						"db.password", "dotted-s3cr3t", "note", "Bearer abcdef123456"));
		AccessLogEvent event = new AccessLogEvent(logger, line, line.context());
		String before = new String(encoder(logger).encode(event), StandardCharsets.UTF_8);

		assertThat(StringFormattingEncoder.install(context)).isEqualTo(1);

		assertThat(((StringFormattingEncoder) encoder(logger)).masksAccessLogLinesOnce()).isTrue();
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
		LoggerContext context = context(
				new MockEnvironment().withProperty("secure-api.logging.masking.enabled", "false"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Logger logger = accessLogger(context, "ecs", out);
		StringFormattingEncoder.install(context);

		logger.callAppenders(new AccessLogEvent(logger, LINE, LINE.context()));

		assertThat(out.toString(StandardCharsets.UTF_8)).contains("hunter2").contains("alice@example.com");
	}

	@Test
	void theMaskedPlainFormatMasksAccessLogLinesItself() {
		LoggerContext context = context(new MockEnvironment());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Logger logger = accessLogger(context, MaskedPlainLogFormatter.class.getName(), out);
		StringFormattingEncoder.install(context);

		assertThat(((StringFormattingEncoder) encoder(logger)).masksAccessLogLinesOnce()).isFalse();
		logger.callAppenders(new AccessLogEvent(logger, LINE, LINE.context()));

		assertThat(out.toString(StandardCharsets.UTF_8)).contains("req-1")
			.doesNotContain("hunter2")
			.doesNotContain("alice@");
	}

	private static LoggerContext context(Environment environment) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.putObject(Environment.class.getName(), environment);
		return context;
	}

	/**
	 * The access logger of a context, with one appender whose encoder is Spring Boot's.
	 * @param context the context
	 * @param format the structured format
	 * @param out where the appender writes
	 * @return the logger
	 */
	private static Logger accessLogger(LoggerContext context, String format, ByteArrayOutputStream out) {
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.start();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(encoder);
		appender.setOutputStream(out);
		appender.start();
		Logger logger = context.getLogger(AccessLogFilter.LOGGER_NAME);
		logger.addAppender(appender);
		return logger;
	}

	private static Encoder<ILoggingEvent> encoder(Logger logger) {
		return ((OutputStreamAppender<ILoggingEvent>) logger.iteratorForAppenders().next()).getEncoder();
	}

}
