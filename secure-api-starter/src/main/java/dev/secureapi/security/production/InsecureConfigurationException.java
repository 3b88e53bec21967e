package dev.secureapi.security.production;

import java.util.List;

/**
 * Thrown at start-up when production checks run in "fail" mode and found insecure
 * settings.
 *
 * @since 0.1.0
 */
public class InsecureConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<ProductionFinding> findings;

	/**
	 * Creates an exception.
	 * @param findings what was found; not empty
	 */
	public InsecureConfigurationException(List<ProductionFinding> findings) {
		super(ProductionChecksRunner.describe(findings));
		this.findings = List.copyOf(findings);
	}

	/**
	 * The findings that stopped the application.
	 * @return the findings
	 */
	public List<ProductionFinding> getFindings() {
		return this.findings;
	}

}
