/**
 * Creates the first administrator at start-up from APP_ADMIN_USERNAME and
 * APP_ADMIN_PASSWORD.
 */
@NullMarked
package dev.secureapi.example.admin;

import org.jspecify.annotations.NullMarked;
