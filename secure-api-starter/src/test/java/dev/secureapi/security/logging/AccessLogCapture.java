package dev.secureapi.security.logging;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Collects the access log's events from the real Logback logger, with their logging
 * context frozen at the time they were logged.
 */
class AccessLogCapture extends ListAppender<ILoggingEvent> implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER_NAME);

	AccessLogCapture() {
		setContext(this.logger.getLoggerContext());
		start();
		this.logger.addAppender(this);
	}

	@Override
	protected void append(ILoggingEvent event) {
		event.prepareForDeferredProcessing();
		super.append(event);
	}

	List<ILoggingEvent> events() {
		return List.copyOf(this.list);
	}

	/**
	 * The one event logged; waits for it, since the starter's access log writes on a
	 * background thread.
	 */
	ILoggingEvent single() {
		List<ILoggingEvent> events = org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(this::events, (logged) -> !logged.isEmpty());
		if (events.size() != 1) {
			throw new AssertionError("Expected one access log event but got " + events.size());
		}
		return events.get(0);
	}

	static Map<String, Object> fields(ILoggingEvent event) {
		List<KeyValuePair> pairs = (event.getKeyValuePairs() != null) ? event.getKeyValuePairs() : List.of();
		return pairs.stream().collect(Collectors.toMap((pair) -> pair.key, (pair) -> pair.value));
	}

	@Override
	public void close() {
		this.logger.detachAppender(this);
		stop();
	}

}
