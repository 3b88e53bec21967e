/**
 * Security headers on every response, errors included, with per-path overrides.
 */
@NullMarked
package dev.secureapi.security.headers;

import org.jspecify.annotations.NullMarked;
