package dev.secureapi.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;

import org.springframework.core.io.Resource;

/**
 * Reads the local provider's master key from a PKCS12 key store.
 */
final class LocalKeyStores {

	private static final String ACTION = "Point secure-api.crypto.local.key-store at a PKCS12 file holding a 256-bit "
			+ "AES secret-key entry under secure-api.crypto.local.key-alias, with secure-api.crypto.local."
			+ "key-store-password, e.g. keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12.";

	private LocalKeyStores() {
	}

	static byte[] load(CryptoProperties.Local local) {
		Resource resource = local.getKeyStore();
		String password = local.getKeyStorePassword();
		if (resource == null || password == null) {
			throw new CryptoConfigurationException(
					"secure-api.crypto.local.key-store needs secure-api.crypto.local.key-store-password", ACTION);
		}
		char[] secret = password.toCharArray();
		try (InputStream in = resource.getInputStream()) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, secret);
			Key key = store.getKey(local.getKeyAlias(), secret);
			byte[] encoded = (key != null && "AES".equalsIgnoreCase(key.getAlgorithm())) ? key.getEncoded() : null;
			if (encoded == null || encoded.length != 32) {
				throw new CryptoConfigurationException("Key store " + resource.getDescription()
						+ " has no 256-bit AES key under alias '" + local.getKeyAlias() + "'", ACTION);
			}
			return encoded;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new CryptoConfigurationException(
					"Key store " + resource.getDescription() + " cannot be read: " + ex.getClass().getSimpleName(),
					ACTION);
		}
	}

}
