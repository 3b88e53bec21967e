package dev.secureapi.security.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An API on the starter's defaults with an observation registry that remembers the name
 * of every observation started, as actuator's registry would record it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
class ObservationTestApplication {

	final List<String> started = new CopyOnWriteArrayList<>();

	@Bean
	ObservationRegistry observationRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				ObservationTestApplication.this.started.add(context.getName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return registry;
	}

	@GetMapping("/me")
	Map<String, Object> me(Authentication authentication) {
		return Map.of("name", authentication.getName());
	}

}
