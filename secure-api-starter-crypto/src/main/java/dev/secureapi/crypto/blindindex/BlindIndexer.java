package dev.secureapi.crypto.blindindex;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.springframework.util.Assert;

import dev.secureapi.crypto.FieldContext;

/**
 * Blind indexes for equality lookups on encrypted columns: HMAC-SHA256 of the normalised
 * value (Unicode NFKC, trimmed, lower-cased) under a subkey derived with HKDF-SHA256 from
 * the dedicated index key for each table and column, so equal values in two columns give
 * unrelated indexes.
 *
 * <p>
 * {@link #index} truncates to the configured number of bits: several values share each
 * index, so a lookup returns candidates to decrypt and compare, and an attacker with the
 * database learns less about which rows are equal. {@link #exactIndex} keeps all 256
 * bits: it can carry a unique constraint, and it reveals which rows hold equal values to
 * anyone who reads the table.
 *
 * @since 0.1.0
 */
public class BlindIndexer {

	private static final HexFormat HEX = HexFormat.of();

	private final byte[] indexKey;

	private final int bits;

	private final Map<FieldContext, SecretKeySpec> subkeys = new ConcurrentHashMap<>();

	/**
	 * Creates an indexer.
	 * @param indexKey the dedicated index key, at least 32 bytes (copied)
	 * @param bits the length of truncated indexes, 8 to 256
	 */
	public BlindIndexer(byte[] indexKey, int bits) {
		Assert.isTrue(indexKey.length >= 32, "The blind-index key must be at least 32 bytes");
		Assert.isTrue(bits >= 8 && bits <= 256, "The blind-index length must be 8 to 256 bits");
		this.indexKey = indexKey.clone();
		this.bits = bits;
	}

	/**
	 * The truncated index of a value, for lookups.
	 * @param context the table and column the value belongs to
	 * @param value the plaintext value
	 * @return the index as lower-case hex, {@code ceil(bits / 4)} characters
	 */
	public String index(FieldContext context, String value) {
		byte[] mac = mac(context, value);
		int bytes = (this.bits + 7) / 8;
		byte[] truncated = Arrays.copyOf(mac, bytes);
		int spare = bytes * 8 - this.bits;
		truncated[bytes - 1] &= (byte) (0xff << spare);
		String hex = HEX.formatHex(truncated);
		return hex.substring(0, (this.bits + 3) / 4);
	}

	/**
	 * The full-length index of a value, for unique constraints. Reveals equal values to
	 * readers of the table.
	 * @param context the table and column the value belongs to
	 * @param value the plaintext value
	 * @return the index as 64 lower-case hex characters
	 */
	public String exactIndex(FieldContext context, String value) {
		return HEX.formatHex(mac(context, value));
	}

	/**
	 * The normalisation applied before hashing: NFKC, trimmed, lower-cased in the root
	 * locale.
	 * @param value the value
	 * @return the normalised value
	 */
	public static String normalize(String value) {
		return Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
	}

	private byte[] mac(FieldContext context, String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.subkeys.computeIfAbsent(context, this::deriveSubkey));
			return mac.doFinal(normalize(value).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

	private SecretKeySpec deriveSubkey(FieldContext context) {
		byte[] info = ("secure-api blind index v1|" + context.table().length() + ":" + context.table() + "|"
				+ context.column().length() + ":" + context.column())
			.getBytes(StandardCharsets.UTF_8);
		HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
		hkdf.init(new HKDFParameters(this.indexKey, null, info));
		byte[] subkey = new byte[32];
		hkdf.generateBytes(subkey, 0, subkey.length);
		try {
			return new SecretKeySpec(subkey, "HmacSHA256");
		}
		finally {
			Arrays.fill(subkey, (byte) 0);
		}
	}

}
