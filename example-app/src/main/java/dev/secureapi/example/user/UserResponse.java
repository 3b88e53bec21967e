package dev.secureapi.example.user;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A user as the API shows it: never the password hash.
 *
 * @param id the id
 * @param username the user name
 * @param email the e-mail address
 * @param displayName the display name
 * @param bio the sanitised bio
 * @param roles the roles, sorted
 * @param createdAt when the user registered
 */
public record UserResponse(long id, String username, String email, @Nullable String displayName, @Nullable String bio,
		List<Role> roles, Instant createdAt) {

	static UserResponse of(User user) {
		return new UserResponse(user.getId(), user.getUsername(), user.getEmail(), user.getDisplayName(), user.getBio(),
				user.getRoles().stream().sorted().toList(), user.getCreatedAt());
	}

}
