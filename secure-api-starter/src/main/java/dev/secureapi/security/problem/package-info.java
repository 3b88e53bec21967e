/**
 * RFC 9457 problem+json error responses, written the same way by MVC, filters and Spring
 * Security.
 */
@NullMarked
package dev.secureapi.security.problem;

import org.jspecify.annotations.NullMarked;
