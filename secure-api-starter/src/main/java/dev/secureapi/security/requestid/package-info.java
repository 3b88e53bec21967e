/**
 * Request ids: accepted from a safe incoming header or generated, echoed, and put in the
 * logging context.
 */
@NullMarked
package dev.secureapi.security.requestid;

import org.jspecify.annotations.NullMarked;
