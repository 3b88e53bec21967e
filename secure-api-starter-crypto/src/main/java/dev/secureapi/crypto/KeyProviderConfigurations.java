package dev.secureapi.crypto;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.core.VaultTemplate;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

import dev.secureapi.crypto.provider.AwsKmsKeyProvider;
import dev.secureapi.crypto.provider.KmsClientCustomizer;
import dev.secureapi.crypto.provider.LocalKeyProvider;
import dev.secureapi.crypto.provider.VaultTransitKeyProvider;

/**
 * The key-provider configurations, one per value of {@code secure-api.crypto.provider}.
 */
final class KeyProviderConfigurations {

	private static final String PROVIDER = "secure-api.crypto.provider";

	private KeyProviderConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = PROVIDER, havingValue = "local", matchIfMissing = true)
	static class Local {

		private static final Log logger = LogFactory.getLog(Local.class);

		@Bean
		@ConditionalOnMissingBean(KeyProvider.class)
		LocalKeyProvider localKeyProvider(CryptoProperties properties) {
			CryptoProperties.Local local = properties.getLocal();
			Map<String, byte[]> keys = new LinkedHashMap<>();
			local.getPreviousMasterKeys()
				.forEach((id, value) -> keys.put(id,
						decodeKey("secure-api.crypto.local.previous-master-keys." + id, value)));
			String masterKey = local.getMasterKey();
			if (local.getKeyStore() != null) {
				keys.put(local.getMasterKeyId(), LocalKeyStores.load(local));
			}
			else if (masterKey == null) {
				logger.warn("Field encryption uses a random development master key: encrypted values become "
						+ "unreadable when the application stops. Set secure-api.crypto.local.master-key, "
						+ "or use provider aws-kms or vault-transit in production.");
				byte[] random = new byte[32];
				new SecureRandom().nextBytes(random);
				keys.put(local.getMasterKeyId(), random);
			}
			else {
				keys.put(local.getMasterKeyId(), decodeKey("secure-api.crypto.local.master-key", masterKey));
			}
			return new LocalKeyProvider(keys, local.getMasterKeyId());
		}

		private static byte[] decodeKey(String property, String value) {
			byte[] key;
			try {
				key = Base64.getDecoder().decode(value.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new CryptoConfigurationException(property + " is not valid Base64",
						"Set " + property + " to the Base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'.");
			}
			if (key.length != 32) {
				throw new CryptoConfigurationException(property + " is " + key.length + " bytes; it must be 32",
						"Set " + property + " to the Base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'.");
			}
			return key;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(KmsClient.class)
	@ConditionalOnProperty(name = PROVIDER, havingValue = "aws-kms")
	static class AwsKms {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		KmsClient secureApiKmsClient(CryptoProperties properties, ObjectProvider<KmsClientCustomizer> customizers) {
			CryptoProperties.AwsKms kms = properties.getAwsKms();
			KmsClientBuilder builder = KmsClient.builder();
			if (kms.getRegion() != null) {
				builder.region(Region.of(kms.getRegion()));
			}
			if (kms.getEndpoint() != null) {
				builder.endpointOverride(kms.getEndpoint());
			}
			builder.overrideConfiguration((configuration) -> configuration.apiCallTimeout(kms.getTimeout()));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean(KeyProvider.class)
		AwsKmsKeyProvider awsKmsKeyProvider(CryptoProperties properties, KmsClient kms) {
			String keyId = properties.getAwsKms().getKeyId();
			if (keyId == null || keyId.isBlank()) {
				throw new CryptoConfigurationException(
						"secure-api.crypto.provider is aws-kms but secure-api.crypto.aws-kms.key-id is not set",
						"Set secure-api.crypto.aws-kms.key-id to the KMS key's id, ARN or alias.");
			}
			return new AwsKmsKeyProvider(kms, keyId, properties.getAwsKms().getEncryptionContext());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(VaultOperations.class)
	@ConditionalOnProperty(name = PROVIDER, havingValue = "vault-transit")
	static class VaultTransit {

		@Bean
		@ConditionalOnMissingBean(KeyProvider.class)
		VaultTransitKeyProvider vaultTransitKeyProvider(CryptoProperties properties,
				ObjectProvider<VaultOperations> vault) {
			CryptoProperties.VaultTransit transit = properties.getVaultTransit();
			String keyName = transit.getKeyName();
			if (keyName == null || keyName.isBlank()) {
				throw new CryptoConfigurationException(
						"secure-api.crypto.provider is vault-transit but secure-api.crypto.vault-transit.key-name is "
								+ "not set",
						"Set secure-api.crypto.vault-transit.key-name to the transit key's name.");
			}
			VaultOperations operations = vault.getIfAvailable(() -> vaultTemplate(transit));
			return new VaultTransitKeyProvider(operations, transit.getPath(), keyName);
		}

		private static VaultTemplate vaultTemplate(CryptoProperties.VaultTransit transit) {
			URI uri = transit.getUri();
			@Nullable String token = transit.getToken();
			if (uri == null || token == null || token.isBlank()) {
				throw new CryptoConfigurationException(
						"secure-api.crypto.provider is vault-transit but there is no VaultTemplate bean and "
								+ "secure-api.crypto.vault-transit.uri and .token are not both set",
						"Set secure-api.crypto.vault-transit.uri and secure-api.crypto.vault-transit.token, or "
								+ "declare a VaultTemplate bean (for example through Spring Cloud Vault).");
			}
			SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
			requests.setConnectTimeout(transit.getTimeout());
			requests.setReadTimeout(transit.getTimeout());
			return new VaultTemplate(VaultEndpoint.from(uri), requests,
					new SimpleSessionManager(new TokenAuthentication(token)));
		}

	}

}
