package dev.secureapi.security.production;

import java.util.List;

/**
 * One source of start-up findings about insecure settings. The kit's modules contribute
 * their checks as beans of this type, and so can applications;
 * {@link ProductionChecksRunner} runs them all once the context is ready to serve and
 * reports every finding together.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProductionCheck {

	/**
	 * Inspects the configuration.
	 * @return what is insecure; empty when nothing is
	 */
	List<ProductionFinding> check();

}
