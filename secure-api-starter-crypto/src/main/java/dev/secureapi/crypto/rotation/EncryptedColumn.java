package dev.secureapi.crypto.rotation;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.secureapi.crypto.FieldContext;

/**
 * A column of encrypted text that re-encryption visits.
 *
 * @param table the table
 * @param idColumn the primary-key column, used to page through the table in order
 * @param column the encrypted column
 * @param versionColumn the JPA {@code @Version} column, incremented with each
 * re-encrypted row; {@code null} when the table has none (the old ciphertext itself is
 * then the optimistic check)
 * @param context the context the values are bound to, usually {@code table.column}
 * @since 0.1.0
 */
public record EncryptedColumn(String table, String idColumn, String column, @Nullable String versionColumn,
		FieldContext context) {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	/**
	 * Creates a column, checking that every name is a plain SQL identifier.
	 * @param table the table
	 * @param idColumn the primary-key column
	 * @param column the encrypted column
	 * @param versionColumn the version column, or {@code null}
	 * @param context the context the values are bound to
	 */
	public EncryptedColumn {
		requireIdentifier(table, "table");
		requireIdentifier(idColumn, "id column");
		requireIdentifier(column, "column");
		if (versionColumn != null) {
			requireIdentifier(versionColumn, "version column");
		}
	}

	/**
	 * Creates a column whose values are bound to {@code table.column}.
	 * @param table the table
	 * @param idColumn the primary-key column
	 * @param column the encrypted column
	 * @param versionColumn the version column, or {@code null}
	 * @return the column
	 */
	public static EncryptedColumn of(String table, String idColumn, String column, @Nullable String versionColumn) {
		return new EncryptedColumn(table, idColumn, column, versionColumn, new FieldContext(table, column));
	}

	private static void requireIdentifier(String name, String what) {
		Assert.isTrue(name != null && IDENTIFIER.matcher(name).matches(),
				() -> "The " + what + " '" + name + "' is not a plain SQL identifier");
	}

	@Override
	public String toString() {
		return this.table + "." + this.column;
	}

}
