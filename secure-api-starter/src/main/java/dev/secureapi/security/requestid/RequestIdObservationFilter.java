package dev.secureapi.security.requestid;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Attaches the request id to the HTTP server observation as a high-cardinality key value:
 * a tag on the request's trace span (so a span found in the tracing backend leads to the
 * log lines and the problem response carrying the id), never a metric tag.
 */
final class RequestIdObservationFilter implements ObservationFilter {

	/** The key of the span tag. */
	static final String KEY = RequestId.MDC_KEY;

	@Override
	public Observation.Context map(Observation.Context context) {
		if (context instanceof ServerRequestObservationContext server) {
			String id = RequestId.of(server.getCarrier());
			if (id != null) {
				context.addHighCardinalityKeyValue(KeyValue.of(KEY, id));
			}
		}
		return context;
	}

}
