package dev.secureapi.security.logging;

import java.lang.reflect.Field;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

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
import org.springframework.core.env.Environment;
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
 * An {@link AccessLogEvent} is masked once, value by value where a value can carry a
 * secret, and formatted by a second formatter of the same format built without the
 * masking value processor: Spring Boot calls a value processor for every JSON member of
 * every line through {@code LambdaSafe}, which resolves its generic type on each call and
 * was most of the access log's remaining cost. The bytes are the same.
 * <p>
 * {@link #install} puts one in place of every started {@code StructuredLogEncoder} of the
 * appenders attached to the loggers; anything it does not recognise is left as it is.
 */
final class StringFormattingEncoder extends EncoderBase<ILoggingEvent> {

	/**
	 * Spring Boot's JSON formats, the ones the masking customizer applies to (a formatter
	 * of another name, such as the kit's masked plain text, masks by itself).
	 */
	private static final Set<String> JSON_FORMATS = Set.of("ecs", "logstash", "gelf");

	private final StructuredLogFormatter<ILoggingEvent> formatter;

	private final Charset charset;

	private final @Nullable Masker masker;

	private final @Nullable StructuredLogFormatter<ILoggingEvent> preMaskedFormatter;

	/**
	 * Creates an encoder.
	 * @param formatter the formatter of every event
	 * @param charset the charset of the bytes
	 * @param masker the masking rules of the formatter's masking customizer, or
	 * {@code null} when it masks nothing
	 * @param preMaskedFormatter the same format without the masking value processor, for
	 * access-log events masked with {@code masker}; or {@code null}
	 */
	StringFormattingEncoder(StructuredLogFormatter<ILoggingEvent> formatter, Charset charset, @Nullable Masker masker,
			@Nullable StructuredLogFormatter<ILoggingEvent> preMaskedFormatter) {
		this.formatter = formatter;
		this.charset = charset;
		this.masker = masker;
		this.preMaskedFormatter = preMaskedFormatter;
	}

	@Override
	public byte[] headerBytes() {
		return null;
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		if (event instanceof AccessLogEvent accessLog && this.preMaskedFormatter != null) {
			ILoggingEvent masked = (this.masker != null) ? accessLog.masked(this.masker) : accessLog;
			return this.preMaskedFormatter.format(masked).getBytes(this.charset);
		}
		return this.formatter.format(event).getBytes(this.charset);
	}

	/**
	 * Whether access-log events are masked once and formatted without the masking value
	 * processor.
	 * @return whether this encoder has a formatter for masked access-log events
	 */
	boolean masksAccessLogLinesOnce() {
		return this.preMaskedFormatter != null;
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
		Field formatField = ReflectionUtils.findField(StructuredLogEncoder.class, "format", String.class);
		if (formatterField == null || charsetField == null || formatField == null) {
			return 0;
		}
		ReflectionUtils.makeAccessible(formatterField);
		ReflectionUtils.makeAccessible(charsetField);
		ReflectionUtils.makeAccessible(formatField);
		Fields fields = new Fields(formatterField, charsetField, formatField);
		int replaced = 0;
		for (Logger logger : context.getLoggerList()) {
			for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext();) {
				if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> appender
						&& replace(appender, fields)) {
					replaced++;
				}
			}
		}
		return replaced;
	}

	@SuppressWarnings("unchecked")
	private static boolean replace(OutputStreamAppender<ILoggingEvent> appender, Fields fields) {
		Encoder<ILoggingEvent> encoder = appender.getEncoder();
		if (!(encoder instanceof StructuredLogEncoder structured) || !structured.isStarted()) {
			return false;
		}
		Object formatter = ReflectionUtils.getField(fields.formatter(), structured);
		if (!(formatter instanceof StructuredLogFormatter<?>)) {
			return false;
		}
		@Nullable Object charset = ReflectionUtils.getField(fields.charset(), structured);
		Charset lineCharset = (charset instanceof Charset value) ? value : StandardCharsets.UTF_8;
		@Nullable Object format = ReflectionUtils.getField(fields.format(), structured);
		@Nullable Object environment = structured.getContext().getObject(Environment.class.getName());
		@Nullable StructuredLogFormatter<ILoggingEvent> preMasked = null;
		@Nullable Masker masker = null;
		if (format instanceof String name && JSON_FORMATS.contains(name.toLowerCase(Locale.ROOT))
				&& environment instanceof Environment env) {
			masker = MaskingJsonMembersCustomizer.masker(env);
			preMasked = preMaskedFormatter(structured, name, lineCharset, fields);
		}
		StringFormattingEncoder replacement = new StringFormattingEncoder(
				(StructuredLogFormatter<ILoggingEvent>) formatter, lineCharset, masker, preMasked);
		replacement.setContext(structured.getContext());
		replacement.start();
		appender.setEncoder(replacement);
		return true;
	}

	/**
	 * The formatter of a second encoder of the same format, started without the masking
	 * customizer's value processor.
	 * @param structured the appender's encoder
	 * @param format its format
	 * @param charset its charset
	 * @param fields the encoder's fields
	 * @return the formatter, or {@code null} when the encoder cannot be started
	 */
	@SuppressWarnings("unchecked")
	private static @Nullable StructuredLogFormatter<ILoggingEvent> preMaskedFormatter(StructuredLogEncoder structured,
			String format, Charset charset, Fields fields) {
		StructuredLogEncoder unmasked = new StructuredLogEncoder();
		unmasked.setContext(structured.getContext());
		unmasked.setFormat(format);
		unmasked.setCharset(charset);
		try {
			MaskingJsonMembersCustomizer.withoutMasking(unmasked::start);
		}
		catch (RuntimeException ex) {
			return null;
		}
		Object formatter = ReflectionUtils.getField(fields.formatter(), unmasked);
		return (formatter instanceof StructuredLogFormatter<?>) ? (StructuredLogFormatter<ILoggingEvent>) formatter
				: null;
	}

	/**
	 * The private fields of Spring Boot's encoder that are read.
	 *
	 * @param formatter the formatter
	 * @param charset the charset
	 * @param format the format's name
	 */
	private record Fields(Field formatter, Field charset, Field format) {

	}

}
