package dev.secureapi.crypto.provider;

import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Customizes the {@code KmsClient} the starter builds, for credentials, retry policy,
 * HTTP client or proxy.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface KmsClientCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, with region and endpoint already applied
	 */
	void customize(KmsClientBuilder builder);

}
