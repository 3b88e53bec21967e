/**
 * JPA integration: the {@code @Encrypted} attribute type.
 */
@NullMarked
package dev.secureapi.crypto.jpa;

import org.jspecify.annotations.NullMarked;
