package dev.secureapi.crypto.provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.util.Assert;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.support.Ciphertext;
import org.springframework.vault.support.VaultResponse;
import org.springframework.web.client.RestClientException;

import dev.secureapi.crypto.GeneratedDataKey;
import dev.secureapi.crypto.KeyProvider;
import dev.secureapi.crypto.KeyProviderException;
import dev.secureapi.crypto.WrappedDataKey;

/**
 * Generates data keys with Vault transit's {@code datakey/plaintext} endpoint (which
 * {@code VaultTransitOperations} does not offer, so it is called through
 * {@code VaultOperations.write}) and unwraps them with {@code transit/decrypt} through
 * the {@code byte[]}-based {@code Ciphertext}/{@code Plaintext} API, so no platform
 * charset touches key material. The wrapped form stored is Vault's {@code vault:vN:...}
 * text, in UTF-8.
 *
 * @since 0.1.0
 */
public class VaultTransitKeyProvider implements KeyProvider {

	/** The provider name stored in the key table. */
	public static final String NAME = "vault-transit";

	private final VaultOperations vault;

	private final String path;

	private final String keyName;

	/**
	 * Creates a provider.
	 * @param vault the Vault client
	 * @param path the mount path of the transit engine, such as {@code transit}
	 * @param keyName the transit key's name
	 */
	public VaultTransitKeyProvider(VaultOperations vault, String path, String keyName) {
		Assert.hasText(path, "'path' must not be empty");
		Assert.hasText(keyName, "'keyName' must not be empty");
		this.vault = vault;
		this.path = path;
		this.keyName = keyName;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public GeneratedDataKey generateDataKey() {
		VaultResponse response = invoke("datakey",
				() -> this.vault.write(this.path + "/datakey/plaintext/" + this.keyName, Map.of("bits", 256)));
		Map<String, Object> data = (response != null) ? response.getData() : null;
		if (data == null || !(data.get("plaintext") instanceof String plaintext)
				|| !(data.get("ciphertext") instanceof String ciphertext)) {
			throw new KeyProviderException("Vault transit datakey answered without plaintext and ciphertext");
		}
		return new GeneratedDataKey(Base64.getDecoder().decode(plaintext),
				new WrappedDataKey(ciphertext.getBytes(StandardCharsets.UTF_8), this.keyName));
	}

	@Override
	public byte[] decryptDataKey(WrappedDataKey wrapped) {
		Ciphertext ciphertext = Ciphertext.of(new String(wrapped.wrapped(), StandardCharsets.UTF_8));
		return invoke("decrypt",
				() -> this.vault.opsForTransit(this.path).decrypt(wrapped.masterKeyReference(), ciphertext))
			.getPlaintext();
	}

	@Override
	public WrappedDataKey rewrap(WrappedDataKey wrapped) {
		String ciphertext = new String(wrapped.wrapped(), StandardCharsets.UTF_8);
		String rewrapped = invoke("rewrap",
				() -> this.vault.opsForTransit(this.path).rewrap(wrapped.masterKeyReference(), ciphertext));
		return new WrappedDataKey(rewrapped.getBytes(StandardCharsets.UTF_8), wrapped.masterKeyReference());
	}

	private <T> T invoke(String operation, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (VaultException | RestClientException ex) {
			throw new KeyProviderException("Vault transit " + operation + " failed: " + ex.getClass().getSimpleName(),
					ex);
		}
	}

}
