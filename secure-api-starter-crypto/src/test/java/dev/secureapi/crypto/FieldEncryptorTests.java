package dev.secureapi.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.secureapi.crypto.FieldDecryptionException.Reason;
import dev.secureapi.crypto.support.CountingKeyProvider;
import dev.secureapi.crypto.support.InMemoryDataKeyStore;
import dev.secureapi.crypto.support.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The ciphertext format: round trips, every tampering, and the binding of values to their
 * table and column.
 */
class FieldEncryptorTests {

	private static final FieldContext EMAIL = new FieldContext("users", "email");

	private final InMemoryDataKeyStore store = new InMemoryDataKeyStore();

	private final CountingKeyProvider provider = new CountingKeyProvider(TestKeys.localProvider());

	private final DataKeyManager keys = TestKeys.manager(this.provider, this.store);

	private final FieldEncryptor encryptor = new FieldEncryptor(this.keys, CryptoMetrics.NONE);

	@Test
	void textRoundTripsAndHoldsNoPlaintext() {
		String stored = this.encryptor.encrypt("alice@example.com", EMAIL);
		assertThat(stored).startsWith("saf:").doesNotContain("alice").doesNotContain("example");
		assertThat(this.encryptor.decrypt(stored, EMAIL)).isEqualTo("alice@example.com");
	}

	@Test
	void unicodeAndEmptyValuesRoundTrip() {
		for (String value : new String[] { "", "Zoë 🔑 ünïcödé", "x".repeat(10_000) }) {
			assertThat(this.encryptor.decrypt(this.encryptor.encrypt(value, EMAIL), EMAIL)).isEqualTo(value);
		}
	}

	@Test
	void binaryRoundTripsWithTheDocumentedLayout() {
		byte[] plaintext = "sixty-four bytes of personal data, padded to the benchmark size."
			.getBytes(StandardCharsets.UTF_8);
		byte[] stored = this.encryptor.encrypt(plaintext, EMAIL);
		assertThat(stored).hasSize(18 + 12 + plaintext.length + 16);
		assertThat(stored[0]).isEqualTo((byte) 1);
		assertThat(stored[1]).isEqualTo((byte) 1);
		assertThat(this.encryptor.decrypt(stored, EMAIL)).isEqualTo(plaintext);
	}

	@Test
	void sameValueEncryptsDifferentlyEachTime() {
		assertThat(this.encryptor.encrypt("alice@example.com", EMAIL))
			.isNotEqualTo(this.encryptor.encrypt("alice@example.com", EMAIL));
	}

	@Test
	void everyAlteredByteIsRejected() {
		byte[] stored = this.encryptor.encrypt("alice@example.com".getBytes(StandardCharsets.UTF_8), EMAIL);
		for (int i = 0; i < stored.length; i++) {
			for (int bit = 0; bit < 8; bit++) {
				byte[] altered = stored.clone();
				altered[i] ^= (byte) (1 << bit);
				assertThatExceptionOfType(FieldDecryptionException.class).as("byte %d bit %d", i, bit)
					.isThrownBy(() -> this.encryptor.decrypt(altered, EMAIL));
			}
		}
	}

	@Test
	void alteredTagFailsAuthentication() {
		byte[] stored = this.encryptor.encrypt("alice@example.com".getBytes(StandardCharsets.UTF_8), EMAIL);
		stored[stored.length - 1] ^= 1;
		assertThat(reasonOf(() -> this.encryptor.decrypt(stored, EMAIL))).isEqualTo(Reason.AUTHENTICATION_FAILED);
	}

	@Test
	void valueCopiedToAnotherColumnFailsToDecrypt() {
		String email = this.encryptor.encrypt("alice@example.com", EMAIL);
		assertThat(reasonOf(() -> this.encryptor.decrypt(email, new FieldContext("users", "phone"))))
			.isEqualTo(Reason.AUTHENTICATION_FAILED);
	}

	@Test
	void valueCopiedToAnotherTableFailsToDecrypt() {
		String email = this.encryptor.encrypt("alice@example.com", EMAIL);
		assertThat(reasonOf(() -> this.encryptor.decrypt(email, new FieldContext("customers", "email"))))
			.isEqualTo(Reason.AUTHENTICATION_FAILED);
	}

	@Test
	void contextsThatConcatenateAlikeAreStillDistinct() {
		String stored = this.encryptor.encrypt("x", new FieldContext("ab", "c"));
		assertThat(reasonOf(() -> this.encryptor.decrypt(stored, new FieldContext("a", "bc"))))
			.isEqualTo(Reason.AUTHENTICATION_FAILED);
	}

	@Test
	void truncatedValuesAreRejected() {
		byte[] stored = this.encryptor.encrypt("alice@example.com".getBytes(StandardCharsets.UTF_8), EMAIL);
		for (int length = 0; length < stored.length; length++) {
			byte[] truncated = java.util.Arrays.copyOf(stored, length);
			assertThatExceptionOfType(FieldDecryptionException.class).as("length %d", length)
				.isThrownBy(() -> this.encryptor.decrypt(truncated, EMAIL));
		}
		assertThat(reasonOf(() -> this.encryptor.decrypt(java.util.Arrays.copyOf(stored, 45), EMAIL)))
			.isEqualTo(Reason.TRUNCATED);
	}

	@Test
	void unknownFormatVersionIsRejectedByName() {
		byte[] stored = this.encryptor.encrypt("alice@example.com".getBytes(StandardCharsets.UTF_8), EMAIL);
		stored[0] = 2;
		assertThat(reasonOf(() -> this.encryptor.decrypt(stored, EMAIL))).isEqualTo(Reason.UNSUPPORTED_VERSION);
	}

	@Test
	void unknownAlgorithmIsRejectedByName() {
		byte[] stored = this.encryptor.encrypt("alice@example.com".getBytes(StandardCharsets.UTF_8), EMAIL);
		stored[1] = 9;
		assertThat(reasonOf(() -> this.encryptor.decrypt(stored, EMAIL))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
	}

	@Test
	void unknownDataKeyIdIsRejectedWithoutCallingTheProvider() {
		byte[] stored = this.encryptor.encrypt("alice@example.com".getBytes(StandardCharsets.UTF_8), EMAIL);
		java.nio.ByteBuffer.wrap(stored, 2, 16).putLong(42).putLong(43);
		int calls = this.provider.calls();
		assertThat(reasonOf(() -> this.encryptor.decrypt(stored, EMAIL))).isEqualTo(Reason.UNKNOWN_KEY);
		assertThat(this.provider.calls()).isEqualTo(calls);
	}

	@Test
	void plaintextAndForeignTextAreNotTakenForCiphertext() {
		assertThat(reasonOf(() -> this.encryptor.decrypt("alice@example.com", EMAIL))).isEqualTo(Reason.MALFORMED);
		assertThat(reasonOf(() -> this.encryptor.decrypt("saf:not base64!", EMAIL))).isEqualTo(Reason.MALFORMED);
		assertThat(reasonOf(() -> this.encryptor.decrypt("saf:", EMAIL))).isEqualTo(Reason.TRUNCATED);
	}

	@Test
	void failureMessagesNeverContainThePlaintextOrCiphertext() {
		String stored = this.encryptor.encrypt("alice@example.com", EMAIL);
		FieldDecryptionException ex = catchThrowableOfType(FieldDecryptionException.class,
				() -> this.encryptor.decrypt(stored, new FieldContext("users", "phone")));
		assertThat(ex.getMessage()).doesNotContain("alice").doesNotContain(stored.substring(4, 40));
	}

	@Test
	void textPrefixNamesTheDataKey() {
		String stored = this.encryptor.encrypt("alice@example.com", EMAIL);
		UUID keyId = FieldEncryptor.keyIdOf(stored);
		assertThat(this.keys.activeKeyId()).contains(keyId);
		assertThat(stored).startsWith(FieldEncryptor.textPrefixOf(keyId));
		assertThat(FieldEncryptor.textPrefixOf(keyId)).hasSize(FieldEncryptor.KEY_PREFIX_LENGTH);
		byte[] header = Base64.getDecoder().decode(stored.substring(4, 28));
		assertThat(header).hasSize(18);
	}

	private static Reason reasonOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		return catchThrowableOfType(FieldDecryptionException.class, call).getReason();
	}

}
