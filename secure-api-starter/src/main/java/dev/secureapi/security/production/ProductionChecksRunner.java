package dev.secureapi.security.production;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Runs every {@link ProductionCheck} once all singletons exist, before the web server
 * accepts a request, and reports every finding in one readable message: logged in "warn"
 * mode, and in "fail" mode thrown as an {@link InsecureConfigurationException} that stops
 * the application.
 */
class ProductionChecksRunner implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ProductionChecksRunner.class);

	private final ObjectProvider<ProductionCheck> checks;

	private final ProductionChecksProperties properties;

	/**
	 * Creates a runner.
	 * @param checks the checks to run
	 * @param properties the settings
	 */
	ProductionChecksRunner(ObjectProvider<ProductionCheck> checks, ProductionChecksProperties properties) {
		this.checks = checks;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.properties.getMode() == ProductionChecksProperties.Mode.OFF) {
			return;
		}
		List<ProductionFinding> findings = findings();
		if (findings.isEmpty()) {
			logger.info("Production checks found no insecure setting");
			return;
		}
		if (this.properties.getMode() == ProductionChecksProperties.Mode.FAIL) {
			throw new InsecureConfigurationException(findings);
		}
		logger.warn(describe(findings)
				+ "\nSet secure-api.production-checks.mode=fail to refuse to start with insecure settings.");
	}

	/**
	 * Runs every check.
	 * @return the findings that are not ignored, ordered by id
	 */
	List<ProductionFinding> findings() {
		List<ProductionFinding> findings = new ArrayList<>();
		this.checks.orderedStream().forEach((check) -> findings.addAll(check.check()));
		findings.removeIf((finding) -> this.properties.getIgnored().contains(finding.id()));
		findings.sort(Comparator.comparing(ProductionFinding::id));
		return findings;
	}

	static String describe(List<ProductionFinding> findings) {
		StringBuilder message = new StringBuilder("Production checks found ").append(findings.size())
			.append((findings.size() == 1) ? " insecure setting:" : " insecure settings:");
		for (ProductionFinding finding : findings) {
			message.append("\n  - [").append(finding.id()).append("] ").append(finding.problem());
			message.append("\n    Action: ").append(finding.action());
		}
		return message.toString();
	}

}
