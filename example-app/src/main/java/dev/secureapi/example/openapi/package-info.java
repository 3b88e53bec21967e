/**
 * The OpenAPI description with its bearer-token security scheme.
 */
@NullMarked
package dev.secureapi.example.openapi;

import org.jspecify.annotations.NullMarked;
