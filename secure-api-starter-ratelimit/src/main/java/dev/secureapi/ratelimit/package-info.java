/**
 * Token-bucket rate limiting for the kit.
 */
@NullMarked
package dev.secureapi.ratelimit;

import org.jspecify.annotations.NullMarked;
