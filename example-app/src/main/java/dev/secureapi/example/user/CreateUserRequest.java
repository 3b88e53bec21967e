package dev.secureapi.example.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A registration. Unknown members (such as {@code id} or {@code roles}) are ignored.
 *
 * @param username 3 to 50 of {@code A-Z a-z 0-9 _ . -}
 * @param email an e-mail address of at most 254 characters
 * @param password 8 to 128 characters
 * @param displayName at most 100 characters
 * @param bio at most 2000 characters of HTML, sanitised on write
 */
public record CreateUserRequest(
		@NotNull @Size(min = 3, max = 50) @Pattern(regexp = UserRules.USERNAME_PATTERN) @Nullable String username,
		@NotBlank @Email @Size(max = 254) @Nullable String email,
		@NotNull @Size(min = 8, max = 128) @Nullable String password, @Size(max = 100) @Nullable String displayName,
		@Size(max = 2000) @Nullable String bio) {
}
