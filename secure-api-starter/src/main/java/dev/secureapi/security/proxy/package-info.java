/**
 * Client identity behind trusted proxies: one resolver for the client IP and scheme.
 */
@NullMarked
package dev.secureapi.security.proxy;

import org.jspecify.annotations.NullMarked;
