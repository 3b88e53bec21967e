/**
 * JWT access tokens (issue, verify, revoke), refresh-token families and their stores, and
 * keys.
 */
@NullMarked
package dev.secureapi.security.jwt;

import org.jspecify.annotations.NullMarked;
