/**
 * Blind indexes: keyed hashes of normalised values for equality lookups on encrypted
 * columns.
 */
@NullMarked
package dev.secureapi.crypto.blindindex;

import org.jspecify.annotations.NullMarked;
