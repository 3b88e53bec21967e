/**
 * Secrets from Vault: a config-data import that puts Vault KV values into the Spring
 * environment.
 */
@NullMarked
package dev.secureapi.crypto.vault;

import org.jspecify.annotations.NullMarked;
