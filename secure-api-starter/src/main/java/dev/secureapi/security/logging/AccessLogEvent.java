package dev.secureapi.security.logging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.event.KeyValuePair;

/**
 * The Logback event of one access-log line: the same message, key/value pairs and logging
 * context that {@code logger.atInfo().addKeyValue(...).log(...)} would produce, so every
 * appender writes it as it would any other line. It also keeps the line's raw values, so
 * that {@link StringFormattingEncoder} can mask exactly the values that can carry a
 * secret once ({@link #masked}) and format the result without running the masking value
 * processor on every JSON member.
 */
final class AccessLogEvent extends LoggingEvent {

	/** The message pattern of an access-log line. */
	static final String MESSAGE = "{} {} {} {}ms";

	private final AccessLogLine line;

	private final Map<String, String> context;

	/**
	 * Creates the event of a line.
	 * @param logger the access log's logger
	 * @param line the line
	 * @param context the request's logging context (empty when it had none)
	 */
	AccessLogEvent(Logger logger, AccessLogLine line, Map<String, String> context) {
		super(AccessLogEvent.class.getName(), logger, Level.INFO, MESSAGE, null,
				new Object[] { line.method(), line.path(), line.status(), line.durationMs() });
		this.line = line;
		this.context = context;
		for (KeyValuePair pair : pairs(line, line.method(), line.path(), line.clientIp(), line.user())) {
			addKeyValuePair(pair);
		}
		setMDCPropertyMap(context);
	}

	/**
	 * Logs a line as an access-log event when the logger is Logback's.
	 * @param logger the access log's logger
	 * @param line the line; without a captured logging context, this thread's is used
	 * @return whether the logger is Logback's (and the line was logged when its level
	 * allows)
	 */
	static boolean append(org.slf4j.Logger logger, AccessLogLine line) {
		if (!(logger instanceof Logger logback)) {
			return false;
		}
		if (logback.isInfoEnabled()) {
			Map<String, String> context = line.context();
			if (context == null) {
				context = MDC.getCopyOfContextMap();
			}
			logback.callAppenders(new AccessLogEvent(logback, line, (context != null) ? context : Map.of()));
		}
		return true;
	}

	/**
	 * A copy of this event (same time, thread, logger and level) in which every value
	 * that can carry a secret has gone through the masking rules, as the masking value
	 * processor would have done member by member: the message, the method, path, client
	 * address and user, and the logging context (a sensitive name masks its value as a
	 * whole). Numbers (status, duration, bytes) cannot carry one.
	 * @param masker the rules
	 * @return the masked copy
	 */
	LoggingEvent masked(Masker masker) {
		AccessLogLine line = this.line;
		LoggingEvent copy = new LoggingEvent();
		copy.setLoggerName(getLoggerName());
		copy.setLoggerContextRemoteView(getLoggerContextVO());
		copy.setLevel(getLevel());
		copy.setThreadName(getThreadName());
		copy.setInstant(getInstant());
		copy.setSequenceNumber(getSequenceNumber());
		copy.setMessage(masker.maskText(getFormattedMessage()));
		String user = line.user();
		for (KeyValuePair pair : pairs(line, masker.maskText(line.method()), masker.maskText(line.path()),
				masker.maskText(line.clientIp()), (user != null) ? masker.maskText(user) : null)) {
			copy.addKeyValuePair(pair);
		}
		Map<String, String> context = new LinkedHashMap<>(this.context.size() * 2);
		this.context.forEach((name, value) -> context.put(name, masked(masker, name, value)));
		copy.setMDCPropertyMap(context);
		return copy;
	}

	private static @Nullable String masked(Masker masker, String name, @Nullable String value) {
		if (value == null) {
			return null;
		}
		// ECS nests dotted names, so the masking processor sees the last part of the
		// name; flat formats see all of it
		int dot = name.lastIndexOf('.');
		if (masker.isSensitiveKey(name) || (dot >= 0 && masker.isSensitiveKey(name.substring(dot + 1)))) {
			return Masking.MASK;
		}
		return masker.maskText(value);
	}

	private static List<KeyValuePair> pairs(AccessLogLine line, String method, String path, String clientIp,
			@Nullable String user) {
		List<KeyValuePair> pairs = new ArrayList<>(7);
		pairs.add(new KeyValuePair("method", method));
		pairs.add(new KeyValuePair("path", path));
		pairs.add(new KeyValuePair("status", line.status()));
		pairs.add(new KeyValuePair("duration_ms", line.durationMs()));
		pairs.add(new KeyValuePair("client_ip", clientIp));
		pairs.add(new KeyValuePair("bytes", line.bytes()));
		if (user != null) {
			pairs.add(new KeyValuePair("user", user));
		}
		return pairs;
	}

}
