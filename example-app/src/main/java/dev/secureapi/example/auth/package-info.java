/**
 * The first-party token endpoints ({@code POST /api/v1/token},
 * {@code POST /api/v1/token/revoke}) and the application's security rules, over the
 * secure-api starter's {@code AuthenticationService}.
 */
@NullMarked
package dev.secureapi.example.auth;

import org.jspecify.annotations.NullMarked;
