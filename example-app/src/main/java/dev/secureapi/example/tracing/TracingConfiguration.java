package dev.secureapi.example.tracing;

import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The current trace and span ids go into the logging MDC as {@value #TRACE_ID} and
 * {@value #SPAN_ID}, the names every log line of the kit uses (next to
 * {@code request_id}); Boot's default listener would name them {@code traceId} and
 * {@code spanId}. The JSON log lines, the access log and the audit events included, carry
 * them as members of these names.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Slf4JEventListener.class)
public class TracingConfiguration {

	/** The MDC key and JSON member of the trace id. */
	public static final String TRACE_ID = "trace_id";

	/** The MDC key and JSON member of the span id. */
	public static final String SPAN_ID = "span_id";

	@Bean
	Slf4JEventListener otelSlf4JEventListener() {
		return new Slf4JEventListener(TRACE_ID, SPAN_ID);
	}

}
