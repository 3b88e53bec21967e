/**
 * Data-key rotation: re-encryption of stored values and retirement of old keys.
 */
@NullMarked
package dev.secureapi.crypto.rotation;

import org.jspecify.annotations.NullMarked;
