/**
 * Password login, refresh and revocation for first-party token endpoints, over the
 * application's user store.
 */
@NullMarked
package dev.secureapi.security.authentication;

import org.jspecify.annotations.NullMarked;
