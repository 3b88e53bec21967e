package dev.secureapi.example.user;

import java.util.Set;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * The complete new set of a user's roles.
 *
 * @param roles at least one role
 */
public record RolesRequest(@NotEmpty @Nullable Set<@NotNull Role> roles) {
}
