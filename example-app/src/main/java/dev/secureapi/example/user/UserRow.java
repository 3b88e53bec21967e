package dev.secureapi.example.user;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A user's columns without roles, read by the streaming query as a projection so no
 * entity stays in the persistence context while millions of rows pass.
 *
 * @param id the id
 * @param username the user name
 * @param email the e-mail address
 * @param displayName the display name
 * @param bio the bio
 * @param createdAt when the user registered
 */
public record UserRow(long id, String username, String email, @Nullable String displayName, @Nullable String bio,
		Instant createdAt) {
}
