/**
 * The application's own production checks: the embedded database and the in-process cache
 * are development defaults that the prod profile must replace.
 */
@NullMarked
package dev.secureapi.example.production;

import org.jspecify.annotations.NullMarked;
