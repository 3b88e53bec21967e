package dev.secureapi.security.logging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes {@code secure_api.access_log.dropped}: access-log lines dropped because the
 * writer's queue was full.
 */
final class AccessLogMeterBinder implements MeterBinder {

	/** The counter's name. */
	static final String DROPPED = "secure_api.access_log.dropped";

	private final AccessLogWriter writer;

	AccessLogMeterBinder(AccessLogWriter writer) {
		this.writer = writer;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(DROPPED, this.writer, AccessLogWriter::dropped)
			.description("Access-log lines dropped because the queue of lines waiting to be written was full")
			.register(registry);
	}

}
