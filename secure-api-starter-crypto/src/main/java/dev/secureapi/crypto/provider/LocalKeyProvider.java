package dev.secureapi.crypto.provider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

import dev.secureapi.crypto.GeneratedDataKey;
import dev.secureapi.crypto.KeyProvider;
import dev.secureapi.crypto.KeyProviderException;
import dev.secureapi.crypto.WrappedDataKey;

/**
 * Wraps data keys with AES-256-GCM under master keys held in the application's own
 * configuration. For development only: whoever reads the configuration can unwrap every
 * data key, so the production check reports it. Several master keys may be configured;
 * the active one wraps new keys and the others still unwrap old ones until {@code rewrap}
 * has moved them.
 *
 * @since 0.1.0
 */
public class LocalKeyProvider implements KeyProvider {

	/** The provider name stored in the key table. */
	public static final String NAME = "local";

	private static final int NONCE_LENGTH = 12;

	private final Map<String, SecretKey> masterKeys;

	private final String activeKeyId;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Creates a provider.
	 * @param masterKeys the 32-byte master keys by id (copied)
	 * @param activeKeyId the id of the key that wraps new data keys
	 */
	public LocalKeyProvider(Map<String, byte[]> masterKeys, String activeKeyId) {
		Assert.isTrue(masterKeys.containsKey(activeKeyId), () -> "No master key with id '" + activeKeyId + "'");
		this.masterKeys = new LinkedHashMap<>();
		masterKeys.forEach((id, key) -> {
			Assert.isTrue(key.length == 32, () -> "Master key '" + id + "' must be 32 bytes, not " + key.length);
			this.masterKeys.put(id, new SecretKeySpec(key, "AES"));
		});
		this.activeKeyId = activeKeyId;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public GeneratedDataKey generateDataKey() {
		byte[] plaintext = new byte[GeneratedDataKey.KEY_LENGTH];
		this.random.nextBytes(plaintext);
		try {
			return new GeneratedDataKey(plaintext, wrap(plaintext));
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	@Override
	public byte[] decryptDataKey(WrappedDataKey wrapped) {
		SecretKey masterKey = this.masterKeys.get(wrapped.masterKeyReference());
		if (masterKey == null) {
			throw new KeyProviderException("No local master key '" + wrapped.masterKeyReference() + "' is configured");
		}
		byte[] bytes = wrapped.wrapped();
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(128, bytes, 0, NONCE_LENGTH));
			cipher.updateAAD(associatedData(wrapped.masterKeyReference()));
			return cipher.doFinal(bytes, NONCE_LENGTH, bytes.length - NONCE_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new KeyProviderException(
					"Local master key '" + wrapped.masterKeyReference() + "' cannot unwrap this data key", ex);
		}
	}

	@Override
	public WrappedDataKey rewrap(WrappedDataKey wrapped) {
		byte[] plaintext = decryptDataKey(wrapped);
		try {
			return wrap(plaintext);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	private WrappedDataKey wrap(byte[] plaintext) {
		byte[] nonce = new byte[NONCE_LENGTH];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.masterKeys.get(this.activeKeyId), new GCMParameterSpec(128, nonce));
			cipher.updateAAD(associatedData(this.activeKeyId));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] out = new byte[NONCE_LENGTH + sealed.length];
			System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
			System.arraycopy(sealed, 0, out, NONCE_LENGTH, sealed.length);
			return new WrappedDataKey(out, this.activeKeyId);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
		}
	}

	private static byte[] associatedData(String masterKeyId) {
		return ("secure-api local data key|" + masterKeyId).getBytes(StandardCharsets.UTF_8);
	}

}
