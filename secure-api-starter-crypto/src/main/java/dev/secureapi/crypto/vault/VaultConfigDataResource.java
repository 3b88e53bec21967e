package dev.secureapi.crypto.vault;

import java.util.Objects;

import org.springframework.boot.context.config.ConfigDataResource;

/**
 * A Vault KV path to import, with the connection settings in force when it was resolved.
 */
final class VaultConfigDataResource extends ConfigDataResource {

	private final String path;

	private final VaultSecretsProperties properties;

	private final boolean optional;

	VaultConfigDataResource(String path, VaultSecretsProperties properties, boolean optional) {
		super(optional);
		this.path = path;
		this.properties = properties;
		this.optional = optional;
	}

	boolean isImportOptional() {
		return this.optional;
	}

	String getPath() {
		return this.path;
	}

	VaultSecretsProperties getProperties() {
		return this.properties;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof VaultConfigDataResource that && this.path.equals(that.path);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.path);
	}

	@Override
	public String toString() {
		return "secure-api-vault:" + this.path;
	}

}
