/**
 * Counters of requests the kit's filters refused, by low-cardinality reason, for
 * Micrometer.
 */
@NullMarked
package dev.secureapi.security.metrics;

import org.jspecify.annotations.NullMarked;
