package dev.secureapi.crypto;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.secureapi.crypto.blindindex.BlindIndexer;
import dev.secureapi.crypto.jpa.EncryptedAttributes;
import dev.secureapi.crypto.rotation.CryptoRotationEndpoint;
import dev.secureapi.crypto.rotation.CryptoRotationService;
import dev.secureapi.crypto.rotation.EncryptedColumn;
import dev.secureapi.crypto.web.CryptoExceptionHandler;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Auto-configuration for envelope field encryption: the key provider chosen by
 * {@code secure-api.crypto.provider}, the data-key table and cache, the
 * {@link FieldEncryptor} behind {@code @Encrypted}, the {@link BlindIndexer}, the
 * {@link CryptoRotationService}, production checks, metrics and the 503 answer to
 * provider failures.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ProblemDetailsAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "secure-api.crypto.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(CryptoProperties.class)
@Import({ KeyProviderConfigurations.Local.class, KeyProviderConfigurations.AwsKms.class,
		KeyProviderConfigurations.VaultTransit.class })
public final class CryptoAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CryptoAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	JdbcDataKeyStore dataKeyStore(DataSource dataSource) {
		return new JdbcDataKeyStore(dataSource);
	}

	@Bean
	@ConditionalOnMissingBean
	CryptoMetrics cryptoMetrics() {
		return CryptoMetrics.NONE;
	}

	@Bean
	@ConditionalOnMissingBean
	DataKeyManager dataKeyManager(CryptoProperties properties, ObjectProvider<KeyProvider> provider, DataKeyStore store,
			CryptoMetrics metrics, ObjectProvider<Clock> clock) {
		KeyProvider keyProvider = provider.getIfAvailable();
		if (keyProvider == null) {
			throw missingProviderLibrary(properties.getProvider());
		}
		CryptoProperties.DataKeyCache cache = properties.getDataKeyCache();
		if (properties.getProviderBackoff().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("secure-api.crypto.provider-backoff",
					properties.getProviderBackoff(), "It must not be negative.");
		}
		DataKeyManager manager = new DataKeyManager(keyProvider, store,
				new DataKeyManager.Limits(cache.getMaxAge(), cache.getMaxEntries(), cache.getMaxUses()),
				clock.getIfUnique(Clock::systemUTC), metrics);
		manager.setProviderBackoff(properties.getProviderBackoff());
		return manager;
	}

	@Bean
	@ConditionalOnMissingBean
	FieldEncryptor fieldEncryptor(DataKeyManager keys, CryptoMetrics metrics) {
		return new FieldEncryptor(keys, metrics);
	}

	@Bean
	@ConditionalOnMissingBean
	BlindIndexer blindIndexer(CryptoProperties properties) {
		CryptoProperties.BlindIndex index = properties.getBlindIndex();
		byte[] key;
		if (index.getKey() == null) {
			logger.warn("Blind indexes use a random development key: lookups by encrypted values stop matching "
					+ "after a restart. Set secure-api.crypto.blind-index.key.");
			key = new byte[32];
			new SecureRandom().nextBytes(key);
		}
		else {
			key = decodeIndexKey(index.getKey());
		}
		return new BlindIndexer(key, index.getBits());
	}

	@Bean
	@ConditionalOnMissingBean
	CryptoRotationService cryptoRotationService(DataSource dataSource, DataKeyManager keys, DataKeyStore store,
			FieldEncryptor encryptor, CryptoProperties properties, ObjectProvider<EncryptedColumn> columnBeans) {
		List<EncryptedColumn> columns = new ArrayList<>();
		for (CryptoProperties.Column column : properties.getRotation().getColumns()) {
			EncryptedColumn encrypted = EncryptedColumn.of(column.getTable(), column.getIdColumn(), column.getColumn(),
					column.getVersionColumn());
			String context = column.getContext();
			columns.add((context != null) ? new EncryptedColumn(encrypted.table(), encrypted.idColumn(),
					encrypted.column(), encrypted.versionColumn(), FieldContext.parse(context)) : encrypted);
		}
		columnBeans.orderedStream().forEach(columns::add);
		return new CryptoRotationService(dataSource, keys, store, encryptor, columns);
	}

	@Bean
	@ConditionalOnMissingBean
	CryptoProductionCheck cryptoProductionCheck(CryptoProperties properties) {
		return new CryptoProductionCheck(properties);
	}

	private static byte[] decodeIndexKey(String value) {
		String action = "Set secure-api.crypto.blind-index.key to the Base64 of at least 32 random bytes, "
				+ "e.g. from 'openssl rand -base64 32'.";
		byte[] key;
		try {
			key = Base64.getDecoder().decode(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new CryptoConfigurationException("secure-api.crypto.blind-index.key is not valid Base64", action);
		}
		if (key.length < 32) {
			throw new CryptoConfigurationException(
					"secure-api.crypto.blind-index.key is " + key.length + " bytes; it must be at least 32", action);
		}
		return key;
	}

	private static CryptoConfigurationException missingProviderLibrary(CryptoProperties.Provider provider) {
		String library = switch (provider) {
			case AWS_KMS -> "software.amazon.awssdk:kms";
			case VAULT_TRANSIT -> "org.springframework.vault:spring-vault-core";
			case LOCAL -> "secure-api-starter-crypto";
		};
		return new CryptoConfigurationException(
				"secure-api.crypto.provider is " + provider.name().toLowerCase(Locale.ROOT).replace('_', '-') + " but "
						+ library + " is not on the class path, and no KeyProvider bean is defined",
				"Add " + library + " to the application's dependencies, or choose another secure-api.crypto.provider.");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.hibernate.usertype.UserType")
	static class JpaConfiguration {

		@Bean
		EncryptedAttributesInstallation encryptedAttributesInstallation(FieldEncryptor encryptor) {
			return new EncryptedAttributesInstallation(encryptor);
		}

	}

	static final class EncryptedAttributesInstallation implements DisposableBean {

		private final FieldEncryptor encryptor;

		EncryptedAttributesInstallation(FieldEncryptor encryptor) {
			this.encryptor = encryptor;
			EncryptedAttributes.install(encryptor);
		}

		@Override
		public void destroy() {
			EncryptedAttributes.uninstall(this.encryptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CryptoMetrics cryptoMetrics(MeterRegistry registry) {
			return new MicrometerCryptoMetrics(registry);
		}

		@Bean
		MeterBinder reencryptionBacklogMeterBinder(ObjectProvider<CryptoRotationService> rotation) {
			return (registry) -> Gauge
				.builder("secure_api.crypto.reencryption.backlog", rotation, (service) -> service.getObject().backlog())
				.description("Stored encrypted values not on the active data key")
				.register(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition."
			+ "ConditionalOnAvailableEndpoint")
	static class ActuatorConfiguration {

		// nested again: the endpoint condition's class must not be loaded when actuator
		// is absent
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnAvailableEndpoint(CryptoRotationEndpoint.class)
		static class EndpointConfiguration {

			@Bean
			@ConditionalOnMissingBean
			CryptoRotationEndpoint cryptoRotationEndpoint(CryptoRotationService rotation, DataKeyManager keys,
					DataKeyStore store, CryptoProperties properties) {
				return new CryptoRotationEndpoint(rotation, keys, store, properties.getRotation().getBatchSize());
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBean(ProblemResponseWriter.class)
	static class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CryptoExceptionHandler cryptoExceptionHandler(ProblemResponseWriter writer) {
			return new CryptoExceptionHandler(writer);
		}

	}

}
