/**
 * The Redis client's behaviour during outages.
 */
@NullMarked
package dev.secureapi.example.redis;

import org.jspecify.annotations.NullMarked;
