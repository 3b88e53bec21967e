package dev.secureapi.example.user;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user API under {@code /api/v1/users}. Authorisation is declared per method; the
 * caller's id is the token's subject.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users")
public class UserController {

	/** The media type of {@code GET /users/stream}: one JSON user per line. */
	public static final String NDJSON = "application/x-ndjson";

	private static final String ADMIN = "hasRole('ADMIN')";

	private static final String ANY_USER = "hasAnyRole('USER', 'ADMIN')";

	private final UserService service;

	private final UserQueries queries;

	private final JsonMapper mapper;

	UserController(UserService service, UserQueries queries, JsonMapper mapper) {
		this.service = service;
		this.queries = queries;
		this.mapper = mapper;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Register a user", security = {})
	ResponseEntity<UserResponse> register(@Valid @RequestBody CreateUserRequest request) {
		UserResponse user = this.service.register(request);
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
	}

	@GetMapping("/me")
	@PreAuthorize(ANY_USER)
	@Operation(summary = "Read one's own profile")
	UserResponse me(Authentication authentication) {
		return this.queries.findById(userId(authentication)).orElseThrow(UserNotFoundException::new);
	}

	@PatchMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(ANY_USER)
	@Operation(summary = "Change one's own profile; a new password or e-mail needs current_password")
	UserResponse updateMe(Authentication authentication, @Valid @RequestBody UpdateProfileRequest request) {
		return this.service.updateProfile(userId(authentication), request);
	}

	@GetMapping
	@PreAuthorize(ADMIN)
	@Operation(summary = "List users by keyset pages ordered by id")
	UserPage list(
			@RequestParam(required = false) @Size(max = 50) @Pattern(regexp = UserRules.USERNAME_PATTERN,
					message = "must be a user name prefix") @Nullable String name,
			@RequestParam(defaultValue = "0") @PositiveOrZero long after,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return this.queries.page(name, after, limit);
	}

	@GetMapping(path = "/stream", produces = NDJSON)
	@PreAuthorize(ADMIN)
	@Operation(summary = "Stream all users as NDJSON, ordered by id")
	void stream(
			@RequestParam(required = false) @Size(max = 50) @Pattern(regexp = UserRules.USERNAME_PATTERN,
					message = "must be a user name prefix") @Nullable String name,
			HttpServletResponse response) throws IOException {
		response.setContentType(NDJSON);
		OutputStream out = response.getOutputStream();
		this.queries.stream(name, (user) -> {
			try {
				out.write(this.mapper.writeValueAsBytes(user));
				out.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		out.flush();
	}

	@GetMapping("/{id}")
	@PreAuthorize(ANY_USER)
	@Operation(summary = "Read a user: oneself, or anyone for an administrator")
	UserResponse get(@PathVariable long id, Authentication authentication) {
		if (!isAdmin(authentication) && id != userId(authentication)) {
			throw new UserNotFoundException();
		}
		return this.queries.findById(id).orElseThrow(UserNotFoundException::new);
	}

	@PutMapping(path = "/{id}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(ADMIN)
	@Operation(summary = "Replace a user's roles")
	UserResponse setRoles(@PathVariable long id, @Valid @RequestBody RolesRequest request,
			Authentication authentication) {
		return this.service.setRoles(id, request.roles(), authentication.getName());
	}

	@DeleteMapping("/{id}")
	@PreAuthorize(ADMIN)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a user; their tokens stop working")
	void delete(@PathVariable long id, Authentication authentication) {
		this.service.delete(id, authentication.getName());
	}

	private static long userId(Authentication authentication) {
		try {
			return Long.parseLong(authentication.getName());
		}
		catch (NumberFormatException ex) {
			throw new UserNotFoundException();
		}
	}

	private static boolean isAdmin(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()));
	}

}
