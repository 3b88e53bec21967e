package dev.secureapi.crypto.vault;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.RestTemplateBuilder;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.client.VaultHttpHeaders;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultResponse;
import org.springframework.web.client.RestClientException;

/**
 * Reads one KV path with Spring Vault. Kept apart from the loader so the loader can be
 * instantiated, and report a clear message, when Spring Vault is not on the class path.
 */
final class VaultSecretsReader {

	private VaultSecretsReader() {
	}

	static @Nullable Map<String, Object> read(VaultSecretsProperties properties, String path) {
		URI uri = properties.getUri();
		if (uri == null) {
			throw new InvalidConfigurationPropertyValueException("secure-api.vault.uri", null,
					"It is needed to import secure-api-vault:" + path + ".");
		}
		VaultEndpoint endpoint = VaultEndpoint.from(uri);
		// bounded waits, so an unresponsive Vault fails start-up instead of hanging it
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(properties.getTimeout());
		requests.setReadTimeout(properties.getTimeout());
		RestTemplateBuilder client = RestTemplateBuilder.builder().endpoint(endpoint).requestFactory(requests);
		String namespace = properties.getNamespace();
		if (namespace != null && !namespace.isBlank()) {
			// on the login request as well as the read
			client.defaultHeader(VaultHttpHeaders.VAULT_NAMESPACE, namespace.strip());
		}
		VaultResponse response;
		try {
			VaultTemplate template = new VaultTemplate(client,
					new SimpleSessionManager(authentication(properties, client)));
			response = template.read(path);
		}
		catch (VaultException | RestClientException ex) {
			throw new UnreachableException(
					"Vault at " + uri + " could not be reached within " + properties.getTimeout().toMillis()
							+ " ms or refused the request (" + ex.getClass().getSimpleName() + ")",
					ex);
		}
		if (response == null || response.getData() == null) {
			return null;
		}
		Map<String, Object> data = response.getData();
		if (data.get("data") instanceof Map<?, ?> nested && data.containsKey("metadata")) {
			Map<String, Object> values = new LinkedHashMap<>();
			nested.forEach((key, value) -> values.put(String.valueOf(key), value));
			return values;
		}
		return data;
	}

	private static ClientAuthentication authentication(VaultSecretsProperties properties, RestTemplateBuilder client) {
		if (properties.getAuthentication() == VaultSecretsProperties.Authentication.APPROLE) {
			VaultSecretsProperties.AppRole appRole = properties.getAppRole();
			if (appRole.getRoleId() == null) {
				throw new InvalidConfigurationPropertyValueException("secure-api.vault.app-role.role-id", null,
						"It must be set for AppRole authentication.");
			}
			if (appRole.getSecretId() == null) {
				throw new InvalidConfigurationPropertyValueException("secure-api.vault.app-role.secret-id", null,
						"It must be set for AppRole authentication.");
			}
			AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder()
				.path(appRole.getPath())
				.roleId(AppRoleAuthenticationOptions.RoleId.provided(appRole.getRoleId()))
				.secretId(AppRoleAuthenticationOptions.SecretId.provided(appRole.getSecretId()))
				.build();
			return new AppRoleAuthentication(options, client.build());
		}
		String token = properties.getToken();
		if (token == null || token.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("secure-api.vault.token", null,
					"It must be set for token authentication.");
		}
		return new TokenAuthentication(token);
	}

	/**
	 * Vault could not be reached or refused the request.
	 */
	static final class UnreachableException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnreachableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
