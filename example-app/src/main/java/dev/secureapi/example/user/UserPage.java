package dev.secureapi.example.user;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One keyset page of users ordered by id.
 *
 * @param items the users on this page
 * @param nextAfter the {@code after} value for the next page, or {@code null} on the last
 * page
 */
public record UserPage(List<UserResponse> items, @Nullable Long nextAfter) {
}
