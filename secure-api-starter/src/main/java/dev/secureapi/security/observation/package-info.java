/**
 * Which observations the kit records by default: Spring MVC's request-level
 * {@code http.server.requests}, not Spring Security's per-filter ones.
 */
@NullMarked
package dev.secureapi.security.observation;

import org.jspecify.annotations.NullMarked;
