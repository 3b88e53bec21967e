package dev.secureapi.crypto.vault;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.util.ClassUtils;

/**
 * Loads a Vault KV secret into the environment as one property source, so properties such
 * as {@code secure-api.jwt.secret} or {@code spring.datasource.password} can live in
 * Vault. A KV version 2 response ({@code data.data}) and a version 1 response
 * ({@code data}) are both understood. Values are never logged: the property source shows
 * only its name.
 *
 * <p>
 * An {@code optional:} import of a path that does not exist, or of a Vault that cannot be
 * reached, is skipped; otherwise start-up fails naming the path.
 *
 * <p>
 * Not Spring Cloud Vault: it brings the Spring Cloud release train, whose versions must
 * follow Boot's, and its own {@code spring.cloud.vault.*} settings for what is here one
 * KV read at start-up through spring-vault-core, which the Vault transit key provider
 * uses already.
 */
class VaultConfigDataLoader implements ConfigDataLoader<VaultConfigDataResource> {

	private static final String VAULT_CLASS = "org.springframework.vault.core.VaultTemplate";

	@Override
	public ConfigData load(ConfigDataLoaderContext context, VaultConfigDataResource resource) {
		if (!ClassUtils.isPresent(VAULT_CLASS, getClass().getClassLoader())) {
			throw new IllegalStateException("spring.config.import names " + resource
					+ " but org.springframework.vault:spring-vault-core is not on the class path");
		}
		Map<String, Object> secrets;
		try {
			secrets = VaultSecretsReader.read(resource.getProperties(), resource.getPath());
		}
		catch (VaultSecretsReader.UnreachableException ex) {
			if (resource.isImportOptional()) {
				throw new ConfigDataResourceNotFoundException(resource, ex);
			}
			throw new IllegalStateException("Could not read secrets from " + resource + ": " + ex.getMessage(), ex);
		}
		if (secrets == null) {
			throw new ConfigDataResourceNotFoundException(resource);
		}
		return new ConfigData(List.of(new VaultSecretsPropertySource(resource.toString(), secrets)));
	}

}
