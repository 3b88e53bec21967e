package dev.secureapi.security.production;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reports actuator endpoints exposed over HTTP that reveal configuration, secrets, memory
 * or internals, or let a caller change the running application ({@code *}, env, heapdump,
 * threaddump, loggers, configprops, the key-rotation endpoint crypto, ...), and health
 * details shown to everyone. Whether a security chain protects them cannot be told from
 * the settings, so each exposure is reported; accept it with
 * {@code secure-api.production-checks.ignored} once it is protected.
 */
class ActuatorExposureProductionCheck implements ProductionCheck {

	/** The id of the finding about sensitive endpoints. */
	public static final String SENSITIVE_ENDPOINTS_ID = "actuator.sensitive-endpoints-exposed";

	/** The id of the finding about health details. */
	public static final String HEALTH_DETAILS_ID = "actuator.health-details-public";

	private static final Set<String> SENSITIVE = Set.of("env", "heapdump", "threaddump", "loggers", "configprops",
			"beans", "mappings", "conditions", "shutdown", "logfile", "sessions", "httpexchanges", "auditevents",
			"scheduledtasks", "caches", "flyway", "liquibase", "quartz", "startup", "integrationgraph", "jolokia",
			"sbom", "crypto");

	private final Environment environment;

	/**
	 * Creates a check.
	 * @param environment the environment holding the management settings
	 */
	ActuatorExposureProductionCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public List<ProductionFinding> check() {
		List<ProductionFinding> findings = new ArrayList<>();
		Set<String> exposed = sensitiveExposed();
		if (!exposed.isEmpty()) {
			findings.add(new ProductionFinding(SENSITIVE_ENDPOINTS_ID,
					"Actuator endpoints " + exposed + " are exposed over HTTP: they reveal configuration, secrets "
							+ "or memory contents, or change the running application.",
					"Expose only health (and info) in management.endpoints.web.exposure.include, or protect the "
							+ "others with an admin-only security rule and add this id to "
							+ "secure-api.production-checks.ignored."));
		}
		String showDetails = this.environment.getProperty("management.endpoint.health.show-details", "never");
		if ("always".equalsIgnoreCase(showDetails.trim())) {
			findings.add(new ProductionFinding(HEALTH_DETAILS_ID,
					"Health details (databases, disk space, versions of components) are shown to every caller.",
					"Set management.endpoint.health.show-details=when-authorized or never."));
		}
		return findings;
	}

	private Set<String> sensitiveExposed() {
		Binder binder = Binder.get(this.environment);
		Set<String> include = binder.bind("management.endpoints.web.exposure.include", Bindable.setOf(String.class))
			.orElse(Set.of());
		Set<String> exclude = binder.bind("management.endpoints.web.exposure.exclude", Bindable.setOf(String.class))
			.orElse(Set.of());
		Set<String> exposed = new LinkedHashSet<>();
		for (String id : include) {
			String endpoint = id.trim().toLowerCase(Locale.ROOT);
			boolean sensitive = "*".equals(endpoint) || SENSITIVE.contains(endpoint);
			if (sensitive && !exclude.contains(endpoint)) {
				exposed.add(endpoint);
			}
		}
		return exposed;
	}

}
