/**
 * The example application: a complete secure user API built from the secure-api starters.
 */
@NullMarked
package dev.secureapi.example;

import org.jspecify.annotations.NullMarked;
