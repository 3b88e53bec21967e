/**
 * Envelope field encryption: the ciphertext format, data keys and their cache, and the
 * auto-configuration.
 */
@NullMarked
package dev.secureapi.crypto;

import org.jspecify.annotations.NullMarked;
