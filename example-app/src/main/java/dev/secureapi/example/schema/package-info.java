/**
 * The database schema: Flyway migrations of the application and of the starters it uses.
 */
@NullMarked
package dev.secureapi.example.schema;

import org.jspecify.annotations.NullMarked;
