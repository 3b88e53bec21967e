package dev.secureapi.crypto.vault;

import java.util.List;

import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Resolves {@code spring.config.import=[optional:]secure-api-vault:<kv path>}, such as
 * {@code secure-api-vault:secret/data/my-app} for a KV version 2 engine mounted at
 * {@code secret}.
 */
class VaultConfigDataLocationResolver implements ConfigDataLocationResolver<VaultConfigDataResource> {

	/** The location prefix. */
	static final String PREFIX = "secure-api-vault:";

	@Override
	public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		return location.hasPrefix(PREFIX);
	}

	@Override
	public List<VaultConfigDataResource> resolve(ConfigDataLocationResolverContext context,
			ConfigDataLocation location) {
		String path = location.getNonPrefixedValue(PREFIX).replaceAll("^/+", "");
		if (path.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("spring.config.import", location,
					"It names no Vault path: use " + PREFIX + "secret/data/<application>.");
		}
		VaultSecretsProperties properties = context.getBinder()
			.bind("secure-api.vault", Bindable.of(VaultSecretsProperties.class))
			.orElseGet(VaultSecretsProperties::new);
		return List.of(new VaultConfigDataResource(path, properties, location.isOptional()));
	}

}
