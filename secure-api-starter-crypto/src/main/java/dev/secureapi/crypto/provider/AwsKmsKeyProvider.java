package dev.secureapi.crypto.provider;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.util.Assert;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

import dev.secureapi.crypto.GeneratedDataKey;
import dev.secureapi.crypto.KeyProvider;
import dev.secureapi.crypto.KeyProviderException;
import dev.secureapi.crypto.WrappedDataKey;

/**
 * Generates data keys with AWS KMS {@code GenerateDataKey} and unwraps them with
 * {@code Decrypt}. The encryption context is sent with every call, must match exactly on
 * decryption, and is logged in CloudTrail, so it names the application and never carries
 * personal data. Throttling and 5xx answers are retried with backoff by the SDK's retry
 * strategy before a {@link KeyProviderException} is thrown.
 *
 * @since 0.1.0
 */
public class AwsKmsKeyProvider implements KeyProvider {

	/** The provider name stored in the key table. */
	public static final String NAME = "aws-kms";

	private final KmsClient kms;

	private final String keyId;

	private final Map<String, String> encryptionContext;

	/**
	 * Creates a provider.
	 * @param kms the KMS client
	 * @param keyId the master key's id, ARN, alias name or alias ARN
	 * @param encryptionContext the context sent with every call
	 */
	public AwsKmsKeyProvider(KmsClient kms, String keyId, Map<String, String> encryptionContext) {
		Assert.hasText(keyId, "'keyId' must not be empty");
		this.kms = kms;
		this.keyId = keyId;
		this.encryptionContext = Map.copyOf(encryptionContext);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public GeneratedDataKey generateDataKey() {
		GenerateDataKeyResponse response = invoke("GenerateDataKey",
				() -> this.kms.generateDataKey((request) -> request.keyId(this.keyId)
					.keySpec(DataKeySpec.AES_256)
					.encryptionContext(this.encryptionContext)));
		byte[] plaintext = response.plaintext().asByteArray();
		String reference = (response.keyId() != null) ? response.keyId() : this.keyId;
		return new GeneratedDataKey(plaintext, new WrappedDataKey(response.ciphertextBlob().asByteArray(), reference));
	}

	@Override
	public byte[] decryptDataKey(WrappedDataKey wrapped) {
		DecryptResponse response = invoke("Decrypt",
				() -> this.kms.decrypt((request) -> request.keyId(wrapped.masterKeyReference())
					.ciphertextBlob(SdkBytes.fromByteArray(wrapped.wrapped()))
					.encryptionContext(this.encryptionContext)));
		return response.plaintext().asByteArray();
	}

	@Override
	public WrappedDataKey rewrap(WrappedDataKey wrapped) {
		ReEncryptResponse response = invoke("ReEncrypt",
				() -> this.kms.reEncrypt((request) -> request.sourceKeyId(wrapped.masterKeyReference())
					.destinationKeyId(this.keyId)
					.ciphertextBlob(SdkBytes.fromByteArray(wrapped.wrapped()))
					.sourceEncryptionContext(this.encryptionContext)
					.destinationEncryptionContext(this.encryptionContext)));
		String reference = (response.keyId() != null) ? response.keyId() : this.keyId;
		return new WrappedDataKey(response.ciphertextBlob().asByteArray(), reference);
	}

	private <T> T invoke(String operation, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (SdkException ex) {
			throw new KeyProviderException("AWS KMS " + operation + " failed: " + ex.getClass().getSimpleName(), ex);
		}
	}

}
