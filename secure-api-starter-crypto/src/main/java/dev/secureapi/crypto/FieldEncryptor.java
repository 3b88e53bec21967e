package dev.secureapi.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts and decrypts field values with AES-256-GCM under envelope data keys.
 *
 * <p>
 * The binary form is self-describing, so no later change of default can make stored
 * values unreadable: <pre>
 * version (1 byte, 1) | algorithm (1 byte, 1 = AES-256-GCM, 96-bit random nonce, 128-bit tag)
 *   | data-key id (16 bytes, UUID) | nonce (12 bytes) | ciphertext | tag (16 bytes)
 * </pre> The associated data is the 18-byte header followed by the {@link FieldContext},
 * so the header is authenticated and a value copied to another column or table fails to
 * decrypt. The text form, for character columns, is {@value #TEXT_PREFIX} followed by the
 * Base64 of the binary form; its first {@value #KEY_PREFIX_LENGTH} characters name the
 * data key, which lets a query find the rows still on an old key.
 *
 * @since 0.1.0
 */
public class FieldEncryptor {

	/** The prefix of the text form. */
	public static final String TEXT_PREFIX = "saf:";

	/**
	 * Characters of the text form that identify the format and data key (prefix plus 24
	 * Base64 characters).
	 */
	public static final int KEY_PREFIX_LENGTH = 28;

	static final byte VERSION_1 = 1;

	static final byte AES_256_GCM = 1;

	static final int HEADER_LENGTH = 18;

	static final int NONCE_LENGTH = 12;

	static final int TAG_LENGTH = 16;

	private static final int OVERHEAD = HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH;

	// Cipher instances are not thread-safe and costly to look up; each is re-initialised
	// with a fresh nonce per use
	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(FieldEncryptor::newCipher);

	private final DataKeyManager keys;

	private final SecureRandom random;

	private final CryptoMetrics metrics;

	/**
	 * Creates an encryptor.
	 * @param keys the data keys
	 * @param metrics where to report encryptions and failures
	 */
	public FieldEncryptor(DataKeyManager keys, CryptoMetrics metrics) {
		this.keys = keys;
		this.metrics = metrics;
		this.random = newRandom();
	}

	/**
	 * Encrypts text for a character column.
	 * @param plaintext the value
	 * @param context the table and column the value is stored in
	 * @return the text form of the ciphertext
	 * @throws KeyProviderException when no data key can be had; nothing should be stored
	 * then
	 */
	public String encrypt(String plaintext, FieldContext context) {
		byte[] encrypted = encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context);
		return TEXT_PREFIX + Base64.getEncoder().encodeToString(encrypted);
	}

	/**
	 * Decrypts the text form.
	 * @param ciphertext the stored text
	 * @param context the table and column the value was read from
	 * @return the value
	 * @throws FieldDecryptionException when the value is not authentic for this context
	 * or cannot be read
	 * @throws KeyProviderException when the data key cannot be unwrapped
	 */
	public String decrypt(String ciphertext, FieldContext context) {
		if (!ciphertext.startsWith(TEXT_PREFIX)) {
			throw fail(FieldDecryptionException.Reason.MALFORMED, "Value in " + context + " is not encrypted");
		}
		byte[] binary;
		try {
			binary = Base64.getDecoder().decode(ciphertext.substring(TEXT_PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			throw fail(FieldDecryptionException.Reason.MALFORMED, "Value in " + context + " is not valid Base64");
		}
		return new String(decrypt(binary, context), StandardCharsets.UTF_8);
	}

	/**
	 * Encrypts bytes for a binary column.
	 * @param plaintext the value
	 * @param context the table and column the value is stored in
	 * @return the binary form of the ciphertext
	 * @throws KeyProviderException when no data key can be had; nothing should be stored
	 * then
	 */
	public byte[] encrypt(byte[] plaintext, FieldContext context) {
		DataKey key = this.keys.encryptionKey();
		byte[] out = new byte[OVERHEAD + plaintext.length];
		ByteBuffer.wrap(out)
			.put(VERSION_1)
			.put(AES_256_GCM)
			.putLong(key.id().getMostSignificantBits())
			.putLong(key.id().getLeastSignificantBits());
		byte[] nonce = new byte[NONCE_LENGTH];
		this.random.nextBytes(nonce);
		System.arraycopy(nonce, 0, out, HEADER_LENGTH, NONCE_LENGTH);
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
			cipher.updateAAD(out, 0, HEADER_LENGTH);
			cipher.updateAAD(context.toAssociatedData());
			cipher.doFinal(plaintext, 0, plaintext.length, out, HEADER_LENGTH + NONCE_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
		}
		this.metrics.encrypted();
		return out;
	}

	/**
	 * Decrypts the binary form.
	 * @param ciphertext the stored bytes
	 * @param context the table and column the value was read from
	 * @return the value
	 * @throws FieldDecryptionException when the value is not authentic for this context
	 * or cannot be read
	 * @throws KeyProviderException when the data key cannot be unwrapped
	 */
	public byte[] decrypt(byte[] ciphertext, FieldContext context) {
		if (ciphertext.length < OVERHEAD) {
			throw fail(FieldDecryptionException.Reason.TRUNCATED, "Value in " + context + " is truncated");
		}
		if (ciphertext[0] != VERSION_1) {
			throw fail(FieldDecryptionException.Reason.UNSUPPORTED_VERSION,
					"Value in " + context + " has unknown format version " + (ciphertext[0] & 0xff));
		}
		if (ciphertext[1] != AES_256_GCM) {
			throw fail(FieldDecryptionException.Reason.UNSUPPORTED_ALGORITHM,
					"Value in " + context + " has unknown algorithm " + (ciphertext[1] & 0xff));
		}
		DataKey key = decryptionKey(ciphertext, context);
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.DECRYPT_MODE, key.key(),
					new GCMParameterSpec(TAG_LENGTH * 8, ciphertext, HEADER_LENGTH, NONCE_LENGTH));
			cipher.updateAAD(ciphertext, 0, HEADER_LENGTH);
			cipher.updateAAD(context.toAssociatedData());
			int offset = HEADER_LENGTH + NONCE_LENGTH;
			byte[] plaintext = cipher.doFinal(ciphertext, offset, ciphertext.length - offset);
			this.metrics.decrypted(null);
			return plaintext;
		}
		catch (AEADBadTagException ex) {
			throw fail(FieldDecryptionException.Reason.AUTHENTICATION_FAILED,
					"Value in " + context + " failed authentication: altered, or copied from another column");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
		}
	}

	/**
	 * The id of the data key a stored value was encrypted under.
	 * @param ciphertext the text form
	 * @return the key id
	 * @throws FieldDecryptionException when the value is not in the text form
	 */
	public static UUID keyIdOf(String ciphertext) {
		if (!ciphertext.startsWith(TEXT_PREFIX) || ciphertext.length() < KEY_PREFIX_LENGTH) {
			throw new FieldDecryptionException(FieldDecryptionException.Reason.MALFORMED, "Value is not encrypted");
		}
		try {
			byte[] header = Base64.getDecoder().decode(ciphertext.substring(TEXT_PREFIX.length(), KEY_PREFIX_LENGTH));
			ByteBuffer buffer = ByteBuffer.wrap(header, 2, 16);
			return new UUID(buffer.getLong(), buffer.getLong());
		}
		catch (IllegalArgumentException ex) {
			throw new FieldDecryptionException(FieldDecryptionException.Reason.MALFORMED, "Value is not Base64");
		}
	}

	/**
	 * The start every text-form value encrypted under the given key shares.
	 * @param keyId the data key id
	 * @return the prefix, {@value #KEY_PREFIX_LENGTH} characters long
	 */
	public static String textPrefixOf(UUID keyId) {
		byte[] header = ByteBuffer.allocate(HEADER_LENGTH)
			.put(VERSION_1)
			.put(AES_256_GCM)
			.putLong(keyId.getMostSignificantBits())
			.putLong(keyId.getLeastSignificantBits())
			.array();
		return TEXT_PREFIX + Base64.getEncoder().encodeToString(header);
	}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available in this JVM", ex);
		}
	}

	private static SecureRandom newRandom() {
		try {
			// NIST SP 800-90A Hash_DRBG, seeded from the operating system; thread-safe
			return SecureRandom.getInstance("DRBG");
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

	private DataKey decryptionKey(byte[] ciphertext, FieldContext context) {
		ByteBuffer buffer = ByteBuffer.wrap(ciphertext, 2, 16);
		UUID id = new UUID(buffer.getLong(), buffer.getLong());
		try {
			return this.keys.decryptionKey(id);
		}
		catch (FieldDecryptionException ex) {
			this.metrics.decrypted(ex.getReason());
			throw new FieldDecryptionException(ex.getReason(), "Value in " + context + ": " + ex.getMessage(), ex);
		}
	}

	private FieldDecryptionException fail(FieldDecryptionException.Reason reason, String message) {
		this.metrics.decrypted(reason);
		return new FieldDecryptionException(reason, message);
	}

}
