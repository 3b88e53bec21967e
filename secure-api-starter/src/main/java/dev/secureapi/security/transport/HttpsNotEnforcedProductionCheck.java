package dev.secureapi.security.transport;

import java.util.List;

import org.springframework.core.env.Environment;

import dev.secureapi.security.production.ProductionCheck;
import dev.secureapi.security.production.ProductionFinding;
import dev.secureapi.security.proxy.ProxyProperties;

/**
 * Reports a server that neither requires HTTPS, nor serves TLS itself, nor sits behind a
 * trusted proxy: nothing then stops clients from sending credentials in clear text.
 */
class HttpsNotEnforcedProductionCheck implements ProductionCheck {

	/** The finding's id. */
	public static final String ID = "transport.https-not-enforced";

	private final TransportProperties transport;

	private final ProxyProperties proxy;

	private final Environment environment;

	/**
	 * Creates a check.
	 * @param transport the transport settings
	 * @param proxy the trusted-proxy settings
	 * @param environment the environment, for the server's own TLS settings
	 */
	HttpsNotEnforcedProductionCheck(TransportProperties transport, ProxyProperties proxy, Environment environment) {
		this.transport = transport;
		this.proxy = proxy;
		this.environment = environment;
	}

	@Override
	public List<ProductionFinding> check() {
		boolean trustedProxy = this.proxy.isEnabled() && !this.proxy.getTrustedProxies().isEmpty();
		if (this.transport.isRequireHttps() || trustedProxy || servesTls()) {
			return List.of();
		}
		return List.of(new ProductionFinding(ID,
				"HTTPS is not required and no trusted proxy is configured, so requests and their credentials may "
						+ "travel in clear text.",
				"Set secure-api.transport.require-https=true, or list the TLS-terminating proxies in "
						+ "secure-api.proxy.trusted-proxies."));
	}

	private boolean servesTls() {
		boolean enabled = this.environment.getProperty("server.ssl.enabled", Boolean.class, true);
		return enabled && (this.environment.containsProperty("server.ssl.bundle")
				|| this.environment.containsProperty("server.ssl.key-store")
				|| this.environment.containsProperty("server.ssl.certificate"));
	}

}
