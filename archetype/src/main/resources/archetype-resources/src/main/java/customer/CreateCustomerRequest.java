package ${package}.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A new customer, validated before it reaches the service. Unknown members (such as {@code id}) are ignored.
 *
 * @param name 1 to 100 characters
 * @param email an e-mail address of at most 254 characters
 */
public record CreateCustomerRequest(@NotBlank @Size(max = 100) @Nullable String name,
		@NotBlank @Email @Size(max = 254) @Nullable String email) {
}
