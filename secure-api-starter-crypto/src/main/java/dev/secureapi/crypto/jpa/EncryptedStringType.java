package dev.secureapi.crypto.jpa;

import java.lang.annotation.Annotation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import java.util.Properties;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.usertype.DynamicParameterizedType;
import org.hibernate.usertype.UserType;
import org.jspecify.annotations.Nullable;

import dev.secureapi.crypto.FieldContext;

/**
 * The Hibernate type behind {@link Encrypted}: the entity holds the plaintext
 * {@code String}, the column holds the ciphertext. Equality and snapshots compare
 * plaintext, and a {@code String} is immutable, so reading an entity never makes it
 * dirty; only a changed value is encrypted and written.
 *
 * <p>
 * The table and column come from Hibernate's {@code DynamicParameterizedType}, the only
 * way Hibernate 7 tells a type where it is mapped. Hibernate has marked it for removal
 * without a replacement yet; when it goes, {@code @Encrypted(context = ...)} keeps
 * working and becomes required.
 *
 * @since 0.1.0
 */
@SuppressWarnings("removal")
public class EncryptedStringType implements UserType<String>, DynamicParameterizedType {

	private @Nullable FieldContext context;

	@Override
	public void setParameterValues(Properties parameters) {
		ParameterType type = (ParameterType) parameters.get(PARAMETER_TYPE);
		if (type == null) {
			throw new IllegalStateException("@Encrypted needs Hibernate's dynamic parameters");
		}
		for (Annotation annotation : type.getAnnotationsMethod()) {
			if (annotation instanceof Encrypted encrypted && !encrypted.context().isEmpty()) {
				this.context = FieldContext.parse(encrypted.context());
				return;
			}
		}
		String[] columns = type.getColumns();
		if (type.getTable() == null || columns == null || columns.length != 1) {
			throw new IllegalStateException("@Encrypted needs one column in a table; set @Encrypted(context)");
		}
		this.context = new FieldContext(type.getTable(), columns[0]);
	}

	@Override
	public int getSqlType() {
		return Types.VARCHAR;
	}

	@Override
	public Class<String> returnedClass() {
		return String.class;
	}

	@Override
	public boolean equals(@Nullable String x, @Nullable String y) {
		return Objects.equals(x, y);
	}

	@Override
	public int hashCode(@Nullable String x) {
		return Objects.hashCode(x);
	}

	@Override
	public @Nullable String nullSafeGet(ResultSet rs, int position, WrapperOptions options) throws SQLException {
		String stored = rs.getString(position);
		return (stored != null) ? EncryptedAttributes.encryptor().decrypt(stored, context()) : null;
	}

	@Override
	public void nullSafeSet(PreparedStatement st, @Nullable String value, int position, WrapperOptions options)
			throws SQLException {
		if (value == null) {
			st.setNull(position, Types.VARCHAR);
		}
		else {
			st.setString(position, EncryptedAttributes.encryptor().encrypt(value, context()));
		}
	}

	@Override
	public @Nullable String deepCopy(@Nullable String value) {
		return value;
	}

	@Override
	public boolean isMutable() {
		return false;
	}

	/**
	 * The table and column this attribute's values are bound to.
	 * @return the context
	 */
	public FieldContext context() {
		FieldContext current = this.context;
		if (current == null) {
			throw new IllegalStateException("@Encrypted attribute used before Hibernate configured it");
		}
		return current;
	}

}
