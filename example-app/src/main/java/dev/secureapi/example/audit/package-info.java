/**
 * Audit events (logins, token reuse, role changes, deletions) kept in memory and written
 * to the log.
 */
@NullMarked
package dev.secureapi.example.audit;

import org.jspecify.annotations.NullMarked;
