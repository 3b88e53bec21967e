/**
 * Cross-origin resource sharing from an explicit allow-list; nothing cross-origin is
 * allowed by default.
 */
@NullMarked
package dev.secureapi.security.cors;

import org.jspecify.annotations.NullMarked;
