/**
 * HTTPS enforcement: plain-HTTP requests are redirected or refused.
 */
@NullMarked
package dev.secureapi.security.transport;

import org.jspecify.annotations.NullMarked;
