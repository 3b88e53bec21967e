package dev.secureapi.example.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A change to one's own profile; absent members stay as they are. A new password or a new
 * e-mail address needs the right current password.
 *
 * @param email a new e-mail address
 * @param displayName a new display name; empty clears it
 * @param bio a new bio; empty clears it
 * @param newPassword a new password of 8 to 128 characters
 * @param currentPassword the current password
 */
public record UpdateProfileRequest(@Email @Size(max = 254) @Nullable String email,
		@Size(max = 100) @Nullable String displayName, @Size(max = 2000) @Nullable String bio,
		@Size(min = 8, max = 128) @Nullable String newPassword, @Size(max = 128) @Nullable String currentPassword) {
}
