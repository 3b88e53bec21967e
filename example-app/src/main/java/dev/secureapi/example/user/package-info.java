/**
 * Users: registration, profiles, roles, keyset pages and NDJSON streaming, with cached
 * reads.
 */
@NullMarked
package dev.secureapi.example.user;

import org.jspecify.annotations.NullMarked;
