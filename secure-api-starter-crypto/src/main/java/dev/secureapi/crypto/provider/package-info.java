/**
 * The key providers that generate and unwrap data keys: local, AWS KMS and Vault transit.
 */
@NullMarked
package dev.secureapi.crypto.provider;

import org.jspecify.annotations.NullMarked;
