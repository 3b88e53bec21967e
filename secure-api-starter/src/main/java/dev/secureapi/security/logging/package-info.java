/**
 * Masked JSON logging and the access log.
 * <p>
 * Masking is built on Spring Boot's structured logging:
 * {@link dev.secureapi.security.logging.MaskingJsonMembersCustomizer} is registered in
 * {@code META-INF/spring.factories}, so every JSON format Boot writes
 * ({@code logging.structured.format.console=ecs}, {@code logstash}, {@code gelf}) is
 * masked once the starter is on the class path. Plain-text (pattern layout) output is
 * <em>not</em> masked; the {@code logging.not-structured} production check reports it.
 * {@link dev.secureapi.security.logging.Masking} offers the same rules to application
 * code.
 */
@NullMarked
package dev.secureapi.security.logging;

import org.jspecify.annotations.NullMarked;
