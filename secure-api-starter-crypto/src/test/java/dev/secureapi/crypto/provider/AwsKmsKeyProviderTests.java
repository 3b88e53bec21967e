package dev.secureapi.crypto.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import dev.secureapi.crypto.CryptoAutoConfiguration;
import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.crypto.KeyProvider;
import dev.secureapi.crypto.KeyProviderException;
import dev.secureapi.crypto.WrappedDataKey;
import dev.secureapi.crypto.support.FakeKmsServer;
import dev.secureapi.crypto.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The AWS KMS provider through the real AWS SDK {@code KmsClient} (signing, JSON
 * protocol, retries, error mapping) against an in-process KMS-protocol endpoint; not
 * against AWS itself.
 */
class AwsKmsKeyProviderTests {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	private final FakeKmsServer kms = startKms();

	@AfterEach
	void stop() {
		this.kms.close();
	}

	@Test
	void fakeKmsTenThousandWritesThroughTheStarterCostOneGenerateDataKeyCall() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(KeyProvider.class)).isInstanceOf(AwsKmsKeyProvider.class);
			FieldEncryptor encryptor = context.getBean(FieldEncryptor.class);
			List<String> stored = new ArrayList<>();
			for (int i = 0; i < 10_000; i++) {
				stored.add(encryptor.encrypt("user" + i + "@example.com", EMAIL));
			}
			for (int i = 0; i < stored.size(); i++) {
				assertThat(encryptor.decrypt(stored.get(i), EMAIL)).isEqualTo("user" + i + "@example.com");
			}
			assertThat(this.kms.calls("GenerateDataKey")).isEqualTo(1);
			assertThat(this.kms.totalCalls()).isLessThanOrEqualTo(2);
		});
	}

	@Test
	void fakeKmsRequestsAreSignedAndCarryTheConfiguredEncryptionContext() {
		runner().withPropertyValues("secure-api.crypto.aws-kms.encryption-context.app=billing").run((context) -> {
			context.getBean(FieldEncryptor.class).encrypt("alice@example.com", EMAIL);
			assertThat(this.kms.lastAuthorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
			assertThat(this.kms.lastEncryptionContext()).containsEntry("app", "billing")
				.doesNotContainValue("alice@example.com");
		});
	}

	@Test
	void fakeKmsAfterTheCacheExpiresDecryptUnwrapsTheStoredKeyThroughKms() {
		runner().run((context) -> {
			FieldEncryptor encryptor = context.getBean(FieldEncryptor.class);
			String stored = encryptor.encrypt("alice@example.com", EMAIL);
			context.getBean(DataKeyManager.class).clearCache();
			assertThat(encryptor.decrypt(stored, EMAIL)).isEqualTo("alice@example.com");
			assertThat(this.kms.calls("Decrypt")).isEqualTo(1);
		});
	}

	@Test
	void fakeKmsThrottlingIsRetriedWithBackoffThenSucceeds() {
		AwsKmsKeyProvider provider = provider(FakeKmsServer.KEY_ARN);
		this.kms.failNext(2, 400, "ThrottlingException");
		assertThat(provider.generateDataKey().plaintext()).hasSize(32);
		assertThat(this.kms.calls("GenerateDataKey")).isEqualTo(3);
	}

	@Test
	void fakeKmsPersistentThrottlingBecomesKeyProviderException() {
		AwsKmsKeyProvider provider = provider(FakeKmsServer.KEY_ARN);
		this.kms.failAlways(400, "ThrottlingException");
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(provider::generateDataKey)
			.withMessageContaining("GenerateDataKey");
		assertThat(this.kms.calls("GenerateDataKey")).isGreaterThan(1);
	}

	@Test
	void fakeKmsServerErrorBecomesKeyProviderException() {
		AwsKmsKeyProvider provider = provider(FakeKmsServer.KEY_ARN);
		this.kms.failAlways(500, "KMSInternalException");
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(provider::generateDataKey);
	}

	@Test
	void fakeKmsThatNeverAnswersFailsWithinTheConfiguredTimeout() {
		runner().withPropertyValues("secure-api.crypto.aws-kms.timeout=300ms").run((context) -> {
			this.kms.hang();
			assertThatExceptionOfType(KeyProviderException.class)
				.isThrownBy(() -> context.getBean(FieldEncryptor.class).encrypt("alice@example.com", EMAIL));
		});
	}

	@Test
	void fakeKmsWrongMasterKeyIsRefused() {
		AwsKmsKeyProvider provider = provider(FakeKmsServer.KEY_ARN);
		WrappedDataKey wrapped = provider.generateDataKey().wrapped();
		WrappedDataKey misnamed = new WrappedDataKey(wrapped.wrapped(), FakeKmsServer.OTHER_KEY_ARN);
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> provider.decryptDataKey(misnamed));
	}

	@Test
	void fakeKmsDifferentEncryptionContextCannotUnwrap() {
		WrappedDataKey wrapped = provider(FakeKmsServer.KEY_ARN).generateDataKey().wrapped();
		AwsKmsKeyProvider other = new AwsKmsKeyProvider(client(), FakeKmsServer.KEY_ARN, Map.of("purpose", "other"));
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> other.decryptDataKey(wrapped));
	}

	@Test
	void fakeKmsReEncryptMovesADataKeyToAnotherMasterKey() {
		AwsKmsKeyProvider oldProvider = provider(FakeKmsServer.KEY_ARN);
		dev.secureapi.crypto.GeneratedDataKey generated = oldProvider.generateDataKey();
		AwsKmsKeyProvider newProvider = provider(FakeKmsServer.OTHER_KEY_ARN);
		WrappedDataKey rewrapped = newProvider.rewrap(generated.wrapped());
		assertThat(rewrapped.masterKeyReference()).isEqualTo(FakeKmsServer.OTHER_KEY_ARN);
		assertThat(newProvider.decryptDataKey(rewrapped)).isEqualTo(generated.plaintext());
	}

	@Test
	void unreachableKmsBecomesKeyProviderException() {
		KmsClient client = KmsClient.builder()
			.endpointOverride(java.net.URI.create("http://127.0.0.1:1"))
			.region(Region.EU_WEST_1)
			.credentialsProvider(credentials())
			.build();
		AwsKmsKeyProvider provider = new AwsKmsKeyProvider(client, FakeKmsServer.KEY_ARN, Map.of());
		assertThatExceptionOfType(KeyProviderException.class).isThrownBy(provider::generateDataKey);
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CryptoAutoConfiguration.class))
			.withConfiguration(TestDatabases.h2WithKeyTable())
			.withUserConfiguration(Credentials.class)
			.withPropertyValues(TestDatabases.uniqueH2Url())
			.withPropertyValues("secure-api.crypto.provider=aws-kms",
					"secure-api.crypto.aws-kms.key-id=" + FakeKmsServer.KEY_ARN,
					"secure-api.crypto.aws-kms.region=eu-west-1",
					"secure-api.crypto.aws-kms.endpoint=" + this.kms.endpoint(),
					"secure-api.crypto.data-key-cache.max-age=" + Duration.ofMinutes(15));
	}

	private AwsKmsKeyProvider provider(String keyId) {
		return new AwsKmsKeyProvider(client(), keyId, Map.of("purpose", "secure-api-field"));
	}

	private KmsClient client() {
		return KmsClient.builder()
			.endpointOverride(this.kms.endpoint())
			.region(Region.EU_WEST_1)
			.credentialsProvider(credentials())
			.build();
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
	}

	private static FakeKmsServer startKms() {
		try {
			return new FakeKmsServer();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Credentials {

		@Bean
		KmsClientCustomizer testCredentials() {
			return (builder) -> builder.credentialsProvider(credentials());
		}

	}

}
