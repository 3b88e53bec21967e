package dev.secureapi.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import dev.secureapi.crypto.blindindex.BlindIndexer;
import dev.secureapi.crypto.provider.LocalKeyProvider;
import dev.secureapi.crypto.rotation.CryptoRotationService;
import dev.secureapi.crypto.support.CountingKeyProvider;
import dev.secureapi.crypto.support.TestDatabases;
import dev.secureapi.crypto.support.TestKeys;
import dev.secureapi.security.production.InsecureConfigurationException;
import dev.secureapi.security.production.ProductionChecksAutoConfiguration;
import dev.secureapi.security.production.ProductionFinding;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-configuration of field encryption: defaults, off switch, back-off, missing
 * libraries, bad properties.
 */
class CryptoAutoConfigurationTests {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CryptoAutoConfiguration.class))
		.withConfiguration(TestDatabases.h2WithKeyTable())
		.withPropertyValues(TestDatabases.uniqueH2Url());

	@Test
	void defaultsToTheLocalProviderAndEncryptsWithoutFurtherSetup() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LocalKeyProvider.class)
				.hasSingleBean(FieldEncryptor.class)
				.hasSingleBean(BlindIndexer.class)
				.hasSingleBean(CryptoRotationService.class)
				.hasSingleBean(CryptoProductionCheck.class);
			FieldEncryptor encryptor = context.getBean(FieldEncryptor.class);
			assertThat(encryptor.decrypt(encryptor.encrypt("alice@example.com", EMAIL), EMAIL))
				.isEqualTo("alice@example.com");
		});
	}

	@Test
	void localProviderIsReportedAsADevelopmentKey() {
		this.runner.run((context) -> assertThat(context.getBean(CryptoProductionCheck.class).check())
			.extracting(ProductionFinding::id)
			.contains("crypto.development-key", "crypto.blind-index-key-missing"));
	}

	@Test
	void productionChecksInFailModeStopStartUpOnTheLocalProvider() {
		this.runner.withConfiguration(AutoConfigurations.of(ProductionChecksAutoConfiguration.class))
			.withPropertyValues("secure-api.production-checks.mode=fail")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.isInstanceOf(InsecureConfigurationException.class)
				.hasMessageContaining("crypto.development-key"));
	}

	@Test
	void configuredKeysAndShortCacheAgeLeaveOnlyTheProviderFinding() {
		this.runner.withPropertyValues("secure-api.crypto.blind-index.key=" + base64Key())
			.run((context) -> assertThat(context.getBean(CryptoProductionCheck.class).check())
				.extracting(ProductionFinding::id)
				.containsExactly("crypto.development-key"));
	}

	@Test
	void dataKeyCacheOlderThanADayIsReported() {
		this.runner.withPropertyValues("secure-api.crypto.data-key-cache.max-age=48h")
			.run((context) -> assertThat(context.getBean(CryptoProductionCheck.class).check())
				.extracting(ProductionFinding::id)
				.contains("crypto.data-key-cache-max-age"));
	}

	@Test
	void configuredLocalMasterKeyDecryptsAcrossRestarts() {
		String url = "spring.datasource.url=jdbc:h2:mem:restart-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		String key = "secure-api.crypto.local.master-key=" + base64Key();
		String[] stored = new String[1];
		this.runner.withPropertyValues(url, key)
			.run((context) -> stored[0] = context.getBean(FieldEncryptor.class).encrypt("alice@example.com", EMAIL));
		this.runner.withPropertyValues(url, key, "spring.flyway.enabled=false")
			.run((context) -> assertThat(context.getBean(FieldEncryptor.class).decrypt(stored[0], EMAIL))
				.isEqualTo("alice@example.com"));
	}

	@Test
	void masterKeyFromAPkcs12KeyStoreDecryptsAcrossRestarts(@TempDir java.nio.file.Path directory) throws Exception {
		java.nio.file.Path file = directory.resolve("master.p12");
		java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setEntry("secure-api-master",
				new java.security.KeyStore.SecretKeyEntry(
						new javax.crypto.spec.SecretKeySpec(TestKeys.randomKey(), "AES")),
				new java.security.KeyStore.PasswordProtection("changeit".toCharArray()));
		try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
			store.store(out, "changeit".toCharArray());
		}
		String url = "spring.datasource.url=jdbc:h2:mem:p12-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		String[] keyStore = { "secure-api.crypto.local.key-store=file:" + file,
				"secure-api.crypto.local.key-store-password=changeit" };
		String[] stored = new String[1];
		this.runner.withPropertyValues(url)
			.withPropertyValues(keyStore)
			.run((context) -> stored[0] = context.getBean(FieldEncryptor.class).encrypt("alice@example.com", EMAIL));
		this.runner.withPropertyValues(url, "spring.flyway.enabled=false")
			.withPropertyValues(keyStore)
			.run((context) -> assertThat(context.getBean(FieldEncryptor.class).decrypt(stored[0], EMAIL))
				.isEqualTo("alice@example.com"));
		this.runner.withPropertyValues(keyStore[0], "secure-api.crypto.local.key-store-password=wrong")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("cannot be read"));
	}

	@Test
	void offSwitchRemovesEveryBean() {
		this.runner.withPropertyValues("secure-api.crypto.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(FieldEncryptor.class)
				.doesNotHaveBean(KeyProvider.class)
				.doesNotHaveBean(CryptoProductionCheck.class));
	}

	@Test
	void withoutADataSourceTheStarterStaysOutOfTheWay() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CryptoAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FieldEncryptor.class));
	}

	@Test
	void withoutMicrometerHibernateOrVaultTheStarterStillEncrypts() {
		this.runner
			.withClassLoader(new FilteredClassLoader("io.micrometer", "org.hibernate", "org.springframework.vault",
					"software.amazon.awssdk"))
			.run((context) -> {
				assertThat(context).hasNotFailed().getBean(CryptoMetrics.class).isSameAs(CryptoMetrics.NONE);
				FieldEncryptor encryptor = context.getBean(FieldEncryptor.class);
				assertThat(encryptor.decrypt(encryptor.encrypt("x", EMAIL), EMAIL)).isEqualTo("x");
			});
	}

	@Test
	void userKeyProviderIsUsed() {
		this.runner.withUserConfiguration(UserProvider.class).run((context) -> {
			assertThat(context).hasSingleBean(KeyProvider.class).doesNotHaveBean(LocalKeyProvider.class);
			context.getBean(FieldEncryptor.class).encrypt("x", EMAIL);
			assertThat(context.getBean(CountingKeyProvider.class).generateCalls()).isEqualTo(1);
		});
	}

	@Test
	void awsKmsWithoutTheSdkFailsNamingTheMissingLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader("software.amazon.awssdk.services.kms"))
			.withPropertyValues("secure-api.crypto.provider=aws-kms", "secure-api.crypto.aws-kms.key-id=alias/x")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription()).contains("aws-kms")
				.contains("software.amazon.awssdk:kms"));
	}

	@Test
	void vaultTransitWithoutSpringVaultFailsNamingTheMissingLibrary() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.vault"))
			.withPropertyValues("secure-api.crypto.provider=vault-transit",
					"secure-api.crypto.vault-transit.key-name=fields")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("org.springframework.vault:spring-vault-core"));
	}

	@Test
	void awsKmsWithoutKeyIdFailsWithAClearMessage() {
		this.runner
			.withPropertyValues("secure-api.crypto.provider=aws-kms", "secure-api.crypto.aws-kms.region=eu-west-1")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("secure-api.crypto.aws-kms.key-id is not set");
				assertThat(analysis.getAction()).contains("secure-api.crypto.aws-kms.key-id");
			});
	}

	@Test
	void vaultTransitWithoutKeyNameOrAddressFailsWithAClearMessage() {
		this.runner.withPropertyValues("secure-api.crypto.provider=vault-transit")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("secure-api.crypto.vault-transit.key-name"));
		this.runner
			.withPropertyValues("secure-api.crypto.provider=vault-transit",
					"secure-api.crypto.vault-transit.key-name=fields")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("secure-api.crypto.vault-transit.uri"));
	}

	@Test
	void malformedOrShortMasterKeyFailsWithAClearMessage() {
		this.runner.withPropertyValues("secure-api.crypto.local.master-key=not base64!")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("secure-api.crypto.local.master-key is not valid Base64"));
		this.runner.withPropertyValues("secure-api.crypto.local.master-key=c2hvcnQ=")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("is 5 bytes; it must be 32"));
	}

	@Test
	void shortBlindIndexKeyFailsWithAClearMessage() {
		this.runner.withPropertyValues("secure-api.crypto.blind-index.key=c2hvcnQ=")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("secure-api.crypto.blind-index.key is 5 bytes"));
	}

	@Test
	void invalidPropertyValuesFailBinding() {
		this.runner.withPropertyValues("secure-api.crypto.blind-index.bits=4")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("blindIndex.bits")
				.hasMessageContaining("greater than or equal to 8"));
		this.runner.withPropertyValues("secure-api.crypto.provider=aws-kms-typo")
			.run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("secure-api.crypto.data-key-cache.max-uses=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void micrometerRecordsProviderCallsCacheLookupsAndBacklog() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			FieldEncryptor encryptor = context.getBean(FieldEncryptor.class);
			String stored = encryptor.encrypt("alice@example.com", EMAIL);
			encryptor.decrypt(stored, EMAIL);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("secure_api.crypto.provider.requests")
				.tag("provider", "local")
				.tag("operation", "generate-data-key")
				.tag("outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(registry.get("secure_api.crypto.data_key_cache").tag("result", "hit").counter().count())
				.isEqualTo(1);
			assertThat(registry.get("secure_api.crypto.encryptions").counter().count()).isEqualTo(1);
		});
	}

	@Test
	void everyClassNamedInTheRegistrationFilesLoads() throws IOException {
		String imports = new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getContentAsString(StandardCharsets.UTF_8);
		List<String> names = new java.util.ArrayList<>(
				imports.lines().map(String::strip).filter((line) -> line.startsWith("dev.secureapi.crypto")).toList());
		Properties factories = new Properties();
		try (InputStream in = new ClassPathResource("META-INF/spring.factories", getClass().getClassLoader())
			.getInputStream()) {
			factories.load(in);
		}
		factories.values().forEach((value) -> names.addAll(List.of(value.toString().split(","))));
		assertThat(names).isNotEmpty().allSatisfy((name) -> assertThat(Class.forName(name.strip())).isNotNull());
	}

	private static FailureAnalysis analysis(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof CryptoConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("a CryptoConfigurationException in %s", failure).isNotNull();
		return new CryptoConfigurationFailureAnalyzer().analyze(failure);
	}

	private static String base64Key() {
		return java.util.Base64.getEncoder().encodeToString(TestKeys.randomKey());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserProvider {

		@Bean
		CountingKeyProvider userKeyProvider() {
			return new CountingKeyProvider(TestKeys.localProvider());
		}

	}

}
