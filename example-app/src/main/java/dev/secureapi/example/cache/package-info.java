/**
 * The application's cache: in-process by default, Redis in production, degrading to the
 * database on errors.
 */
@NullMarked
package dev.secureapi.example.cache;

import org.jspecify.annotations.NullMarked;
