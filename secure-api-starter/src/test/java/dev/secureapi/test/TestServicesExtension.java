package dev.secureapi.test;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves the services a {@link RequiresServices} class names, skipping or failing the
 * class when one is missing.
 */
public final class TestServicesExtension implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		RequiresServices required = AnnotationSupport
			.findAnnotation(context.getRequiredTestClass(), RequiresServices.class)
			.orElseThrow(() -> new ExtensionConfigurationException("@RequiresServices is missing"));
		for (RequiresServices.Service service : required.value()) {
			TestServices.Availability availability = switch (service) {
				case POSTGRES -> TestServices.postgresAvailability();
				case REDIS -> TestServices.redisAvailability();
			};
			if (availability.available()) {
				continue;
			}
			String message = service + " is not available for " + context.getRequiredTestClass().getSimpleName() + ": "
					+ availability.reason();
			if (TestServices.servicesRequired()) {
				throw new IllegalStateException(
						message + " (and -D" + TestServices.REQUIRE_SERVICES_PROPERTY + "=true makes that a failure)");
			}
			Assumptions.abort(message);
		}
	}

}
