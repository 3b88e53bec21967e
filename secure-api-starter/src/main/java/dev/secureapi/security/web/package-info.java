/**
 * The default stateless bearer-JWT security filter chain, its public configurer and
 * problem+json 401/403.
 */
@NullMarked
package dev.secureapi.security.web;

import org.jspecify.annotations.NullMarked;
