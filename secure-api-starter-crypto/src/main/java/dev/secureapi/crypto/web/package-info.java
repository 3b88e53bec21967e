/**
 * Web-layer answers to encryption failures.
 */
@NullMarked
package dev.secureapi.crypto.web;

import org.jspecify.annotations.NullMarked;
