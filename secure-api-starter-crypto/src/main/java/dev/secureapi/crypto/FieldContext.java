package dev.secureapi.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.util.Assert;

/**
 * Where an encrypted value lives: its table (or entity) and column. The context is
 * authenticated with every ciphertext, so a value copied to another column or table fails
 * to decrypt. Renaming a table or column therefore needs the old names kept as the
 * context (see {@code @Encrypted(context = ...)}) or a re-encryption.
 *
 * @param table the table or entity name
 * @param column the column or attribute name
 * @since 0.1.0
 */
public record FieldContext(String table, String column) {

	/**
	 * Creates a context.
	 * @param table the table or entity name
	 * @param column the column or attribute name
	 */
	public FieldContext {
		Assert.hasText(table, "'table' must not be empty");
		Assert.hasText(column, "'column' must not be empty");
	}

	/**
	 * Parses {@code table.column}.
	 * @param qualified the table and column separated by the last dot
	 * @return the context
	 */
	public static FieldContext parse(String qualified) {
		int dot = qualified.lastIndexOf('.');
		Assert.isTrue(dot > 0 && dot < qualified.length() - 1, () -> "'" + qualified + "' is not table.column");
		return new FieldContext(qualified.substring(0, dot), qualified.substring(dot + 1));
	}

	/**
	 * The associated-data encoding: each name length-prefixed, so no two contexts share
	 * an encoding.
	 * @return the bytes
	 */
	byte[] toAssociatedData() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		writeLengthPrefixed(out, this.table);
		writeLengthPrefixed(out, this.column);
		return out.toByteArray();
	}

	private static void writeLengthPrefixed(ByteArrayOutputStream out, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.write(bytes.length >>> 24);
		out.write(bytes.length >>> 16);
		out.write(bytes.length >>> 8);
		out.write(bytes.length);
		out.write(bytes, 0, bytes.length);
	}

	@Override
	public String toString() {
		return this.table + "." + this.column;
	}

}
