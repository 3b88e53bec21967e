/**
 * Request body size limits (declared and streamed) and bounded JSON parsing.
 */
@NullMarked
package dev.secureapi.security.bodylimit;

import org.jspecify.annotations.NullMarked;
