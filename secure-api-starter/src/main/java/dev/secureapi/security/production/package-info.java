/**
 * Start-up checks that list insecure settings, with an SPI for other modules' checks.
 */
@NullMarked
package dev.secureapi.security.production;

import org.jspecify.annotations.NullMarked;
