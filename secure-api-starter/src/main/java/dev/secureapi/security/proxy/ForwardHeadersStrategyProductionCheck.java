package dev.secureapi.security.proxy;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;

import dev.secureapi.security.production.ProductionCheck;
import dev.secureapi.security.production.ProductionFinding;

/**
 * Reports Spring Boot's own forwarded-header handling
 * ({@code server.forward-headers-strategy=native} or {@code framework}) switched on
 * beside the kit's trusted-proxy resolver: two resolvers then decide who the client is,
 * each with its own idea of which proxies to trust and which header family to read, and
 * the logs, rate limits and HTTPS checks may each see a different client.
 */
class ForwardHeadersStrategyProductionCheck implements ProductionCheck {

	/** The finding's id. */
	static final String ID = "proxy.forward-headers-strategy";

	private final ProxyProperties properties;

	private final Environment environment;

	ForwardHeadersStrategyProductionCheck(ProxyProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public List<ProductionFinding> check() {
		String strategy = this.environment.getProperty("server.forward-headers-strategy", "").trim();
		if (strategy.isEmpty()) {
			// unset, Spring Boot uses the server's own handling on a cloud platform that
			// sets forwarded headers
			CloudPlatform platform = CloudPlatform.getActive(this.environment);
			strategy = (platform != null && platform.isUsingForwardHeaders())
					? "native (the default on " + platform.name().toLowerCase(Locale.ROOT) + ")" : "";
		}
		if (!this.properties.isEnabled() || strategy.isEmpty() || "none".equals(strategy.toLowerCase(Locale.ROOT))) {
			return List.of();
		}
		return List.of(new ProductionFinding(ID, "server.forward-headers-strategy=" + strategy
				+ " resolves forwarded headers beside secure-api's "
				+ "trusted-proxy resolver, so two resolvers with different trust rules decide who the client is",
				"Set server.forward-headers-strategy=none and configure secure-api.proxy."
						+ "trusted-proxies and secure-api.proxy.forwarded-headers, or set secure-api.proxy.enabled=false "
						+ "to leave forwarded headers to Spring Boot"));
	}

}
