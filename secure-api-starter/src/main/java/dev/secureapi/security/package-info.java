/**
 * Spring Boot auto-configuration that makes a servlet REST API production-secure: one
 * sub-package per feature.
 */
@NullMarked
package dev.secureapi.security;

import org.jspecify.annotations.NullMarked;
