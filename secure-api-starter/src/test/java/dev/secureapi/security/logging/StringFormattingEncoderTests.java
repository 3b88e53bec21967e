package dev.secureapi.security.logging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
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

}
