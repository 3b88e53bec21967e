package dev.secureapi.crypto.vault;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How {@code spring.config.import=secure-api-vault:<path>} reaches Vault. Bound from the
 * environment while config data is loaded, so these must come from application
 * properties, environment variables or the command line, not from Vault itself.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("secure-api.vault")
public class VaultSecretsProperties {

	/**
	 * Vault's address, such as https://vault.example.com:8200.
	 */
	private @Nullable URI uri;

	/**
	 * How to log in: token or approle.
	 */
	private Authentication authentication = Authentication.TOKEN;

	/**
	 * Vault token, for token authentication.
	 */
	private @Nullable String token;

	/**
	 * Vault Enterprise namespace, if any; sent as X-Vault-Namespace on the login and the
	 * read.
	 */
	private @Nullable String namespace;

	/**
	 * Connect and read timeout of each request to Vault while the configuration is
	 * loaded; an unresponsive Vault fails start-up after it instead of hanging it.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	private final AppRole appRole = new AppRole();

	public @Nullable URI getUri() {
		return this.uri;
	}

	public void setUri(@Nullable URI uri) {
		this.uri = uri;
	}

	public Authentication getAuthentication() {
		return this.authentication;
	}

	public void setAuthentication(Authentication authentication) {
		this.authentication = authentication;
	}

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public @Nullable String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(@Nullable String namespace) {
		this.namespace = namespace;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public AppRole getAppRole() {
		return this.appRole;
	}

	/**
	 * Vault authentication methods.
	 */
	public enum Authentication {

		/** A Vault token. */
		TOKEN,

		/** AppRole: a role id and secret id exchanged for a token. */
		APPROLE

	}

	/**
	 * AppRole authentication.
	 */
	public static class AppRole {

		/**
		 * Role id.
		 */
		private @Nullable String roleId;

		/**
		 * Secret id.
		 */
		private @Nullable String secretId;

		/**
		 * Mount path of the AppRole auth method.
		 */
		private String path = "approle";

		public @Nullable String getRoleId() {
			return this.roleId;
		}

		public void setRoleId(@Nullable String roleId) {
			this.roleId = roleId;
		}

		public @Nullable String getSecretId() {
			return this.secretId;
		}

		public void setSecretId(@Nullable String secretId) {
			this.secretId = secretId;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

}
