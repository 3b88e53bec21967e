package dev.secureapi.crypto.jpa;

import org.jspecify.annotations.Nullable;

import dev.secureapi.crypto.FieldEncryptor;

/**
 * Hands the application's {@link FieldEncryptor} to {@link EncryptedStringType}.
 * Hibernate instantiates user types itself, outside the Spring context, so the
 * auto-configuration installs the encryptor here when it creates it and removes it when
 * the context closes.
 *
 * @since 0.1.0
 */
public final class EncryptedAttributes {

	private static volatile @Nullable FieldEncryptor encryptor;

	private EncryptedAttributes() {
	}

	/**
	 * Installs the encryptor {@code @Encrypted} attributes use.
	 * @param fieldEncryptor the encryptor
	 */
	public static void install(FieldEncryptor fieldEncryptor) {
		encryptor = fieldEncryptor;
	}

	/**
	 * Removes the encryptor if it is the installed one.
	 * @param fieldEncryptor the encryptor
	 */
	public static void uninstall(FieldEncryptor fieldEncryptor) {
		if (encryptor == fieldEncryptor) {
			encryptor = null;
		}
	}

	static FieldEncryptor encryptor() {
		FieldEncryptor current = encryptor;
		if (current == null) {
			throw new IllegalStateException("No FieldEncryptor is installed: @Encrypted attributes need "
					+ "secure-api-starter-crypto's auto-configuration (secure-api.crypto.enabled=true)");
		}
		return current;
	}

}
