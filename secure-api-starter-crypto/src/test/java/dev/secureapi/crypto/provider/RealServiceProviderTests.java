package dev.secureapi.crypto.provider;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import software.amazon.awssdk.services.kms.KmsClient;

import dev.secureapi.crypto.CryptoMetrics;
import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.crypto.GeneratedDataKey;
import dev.secureapi.crypto.KeyProvider;
import dev.secureapi.crypto.support.CountingKeyProvider;
import dev.secureapi.crypto.support.InMemoryDataKeyStore;
import dev.secureapi.crypto.support.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The providers against the real services, run only where they are configured: AWS KMS
 * when {@code SECURE_API_TEST_KMS_KEY_ARN} is set (credentials and region from the SDK's
 * default chains), Vault when {@code VAULT_ADDR} and {@code VAULT_TOKEN} are set (transit
 * key {@code SECURE_API_TEST_VAULT_TRANSIT_KEY}, default {@code secure-api-test}, on the
 * {@code transit} mount).
 */
class RealServiceProviderTests {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	@Test
	@EnabledIfEnvironmentVariable(named = "SECURE_API_TEST_KMS_KEY_ARN", matches = ".+")
	void realAwsKmsWrapsAndUnwrapsDataKeysAndIsCalledOncePerKey() {
		try (KmsClient kms = KmsClient.create()) {
			check(new AwsKmsKeyProvider(kms, System.getenv("SECURE_API_TEST_KMS_KEY_ARN"),
					Map.of("purpose", "secure-api-test")));
		}
	}

	@Test
	@EnabledIfEnvironmentVariable(named = "VAULT_ADDR", matches = ".+")
	@EnabledIfEnvironmentVariable(named = "VAULT_TOKEN", matches = ".+")
	void realVaultTransitWrapsAndUnwrapsDataKeysAndIsCalledOncePerKey() {
		VaultTemplate vault = new VaultTemplate(VaultEndpoint.from(URI.create(System.getenv("VAULT_ADDR"))),
				new TokenAuthentication(System.getenv("VAULT_TOKEN")));
		String key = System.getenv().getOrDefault("SECURE_API_TEST_VAULT_TRANSIT_KEY", "secure-api-test");
		check(new VaultTransitKeyProvider(vault, "transit", key));
	}

	private static void check(KeyProvider real) {
		GeneratedDataKey generated = real.generateDataKey();
		assertThat(real.decryptDataKey(generated.wrapped())).isEqualTo(generated.plaintext());
		CountingKeyProvider provider = new CountingKeyProvider(real);
		FieldEncryptor encryptor = new FieldEncryptor(TestKeys.manager(provider, new InMemoryDataKeyStore()),
				CryptoMetrics.NONE);
		for (int i = 0; i < 1000; i++) {
			String stored = encryptor.encrypt("user" + i + "@example.com", EMAIL);
			assertThat(encryptor.decrypt(stored, EMAIL)).isEqualTo("user" + i + "@example.com");
		}
		assertThat(provider.calls()).isEqualTo(1);
	}

}
