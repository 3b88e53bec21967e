package dev.secureapi.crypto.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.hibernate.annotations.Type;

/**
 * Stores a {@code String} attribute encrypted: the column holds {@code saf:...} text (see
 * {@link dev.secureapi.crypto.FieldEncryptor}), bound to its table and column, and the
 * entity holds the plaintext. Give the column room for the ciphertext: about
 * {@code 4 * (46 + UTF-8 length) / 3 + 8} characters.
 *
 * <p>
 * A Hibernate user type rather than a JPA {@code AttributeConverter}, because a converter
 * is not told which table and column it converts and so could not bind each value to its
 * column.
 *
 * @since 0.1.0
 */
@Documented
@Target({ ElementType.FIELD, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Type(EncryptedStringType.class)
public @interface Encrypted {

	/**
	 * The context the values are bound to, as {@code table.column}; empty for the mapped
	 * table and column. Set it to the old names when renaming a table or column, so the
	 * stored values stay readable.
	 * @return the context
	 */
	String context() default "";

}
