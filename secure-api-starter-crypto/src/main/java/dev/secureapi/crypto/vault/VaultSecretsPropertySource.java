package dev.secureapi.crypto.vault;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.util.StringUtils;

/**
 * Secrets read from Vault. Its {@code toString} shows only the name, never the values,
 * even at debug level.
 */
final class VaultSecretsPropertySource extends EnumerablePropertySource<Map<String, Object>> {

	VaultSecretsPropertySource(String name, Map<String, Object> secrets) {
		super(name, Map.copyOf(secrets));
	}

	@Override
	public String[] getPropertyNames() {
		return StringUtils.toStringArray(getSource().keySet());
	}

	@Override
	public @Nullable Object getProperty(String name) {
		return getSource().get(name);
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " {name='" + getName() + "'}";
	}

}
