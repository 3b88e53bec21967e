/**
 * Tracing: how the request's trace and span ids reach the log lines.
 */
@NullMarked
package dev.secureapi.example.tracing;

import org.jspecify.annotations.NullMarked;
