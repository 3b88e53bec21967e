package dev.secureapi.security.logging;

import java.lang.reflect.Field;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.util.ReflectionUtils;

/**
 * Encodes a Logback event with the formatter of Spring Boot's
 * {@link StructuredLogEncoder} (ECS, Logstash, GELF or the kit's masked text, with every
 * customizer such as the masking) into the same bytes, but by formatting the line into a
 * string and encoding that once. Spring Boot 4.0's encoder writes the JSON through an
 * {@code OutputStreamWriter}, which runs the charset encoder once per character; for an
 * access-log line that is most of the line's cost (spring-projects/spring-boot#49428,
 * changed in 4.1).
 * <p>
 * {@link #install} puts one in place of every started {@code StructuredLogEncoder} of the
 * appenders attached to the loggers; anything it does not recognise is left as it is.
 */
final class StringFormattingEncoder extends EncoderBase<ILoggingEvent> {

	private final StructuredLogFormatter<ILoggingEvent> formatter;

	private final Charset charset;

	StringFormattingEncoder(StructuredLogFormatter<ILoggingEvent> formatter, Charset charset) {
		this.formatter = formatter;
		this.charset = charset;
	}

	@Override
	public byte[] headerBytes() {
		return null;
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return this.formatter.format(event).getBytes(this.charset);
	}

	@Override
	public byte[] footerBytes() {
		return null;
	}

	/**
	 * Replaces the structured encoders of the current Logback context's output stream
	 * appenders.
	 * @return how many encoders were replaced
	 */
	static int install() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		return (factory instanceof LoggerContext context) ? install(context) : 0;
	}

	/**
	 * Replaces the structured encoders of a Logback context's output stream appenders.
	 * @param context the context
	 * @return how many encoders were replaced
	 */
	static int install(LoggerContext context) {
		Field formatterField = ReflectionUtils.findField(StructuredLogEncoder.class, "formatter",
				StructuredLogFormatter.class);
		Field charsetField = ReflectionUtils.findField(StructuredLogEncoder.class, "charset", Charset.class);
		if (formatterField == null || charsetField == null) {
			return 0;
		}
		ReflectionUtils.makeAccessible(formatterField);
		ReflectionUtils.makeAccessible(charsetField);
		int replaced = 0;
		for (Logger logger : context.getLoggerList()) {
			for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext();) {
				if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> appender
						&& replace(appender, formatterField, charsetField)) {
					replaced++;
				}
			}
		}
		return replaced;
	}

	@SuppressWarnings("unchecked")
	private static boolean replace(OutputStreamAppender<ILoggingEvent> appender, Field formatterField,
			Field charsetField) {
		Encoder<ILoggingEvent> encoder = appender.getEncoder();
		if (!(encoder instanceof StructuredLogEncoder structured) || !structured.isStarted()) {
			return false;
		}
		Object formatter = ReflectionUtils.getField(formatterField, structured);
		if (!(formatter instanceof StructuredLogFormatter<?>)) {
			return false;
		}
		@Nullable Object charset = ReflectionUtils.getField(charsetField, structured);
		StringFormattingEncoder replacement = new StringFormattingEncoder(
				(StructuredLogFormatter<ILoggingEvent>) formatter,
				(charset instanceof Charset value) ? value : StandardCharsets.UTF_8);
		replacement.setContext(structured.getContext());
		replacement.start();
		appender.setEncoder(replacement);
		return true;
	}

}
