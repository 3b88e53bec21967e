package dev.secureapi.security.requestid;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request id becomes a high-cardinality key value of the HTTP server observation: a
 * span tag, never a metric tag.
 */
class RequestIdObservationFilterTests {

	private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RequestIdAutoConfiguration.class));

	@Test
	void theServerObservationCarriesTheRequestIdAsASpanTag() {
		this.contexts.run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api");
			request.setAttribute(RequestId.ATTRIBUTE, "req-42");
			ServerRequestObservationContext observation = new ServerRequestObservationContext(request,
					new MockHttpServletResponse());
			context.getBean(RequestIdObservationFilter.class).map(observation);
			assertThat(observation.getHighCardinalityKeyValue("request_id"))
				.isEqualTo(KeyValue.of("request_id", "req-42"));
			assertThat(observation.getLowCardinalityKeyValue("request_id")).isNull();
		});
	}

	@Test
	void otherObservationsAreLeftAlone() {
		Observation.Context other = new Observation.Context();
		new RequestIdObservationFilter().map(other);
		assertThat(other.getHighCardinalityKeyValues()).isEmpty();
	}

}
