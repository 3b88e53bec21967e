package dev.secureapi.example.auth;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.secureapi.example.audit.AuditTypes;
import dev.secureapi.example.audit.UnknownUserNames;
import dev.secureapi.example.user.UserService;
import dev.secureapi.ratelimit.LoginAttemptGuard;
import dev.secureapi.security.authentication.AuthenticationService;
import dev.secureapi.security.authentication.InvalidGrantException;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * The first-party token endpoint: the password and refresh_token grants, and revocation
 * (RFC 7009). A refused grant is 401 problem+json with {@code error: invalid_grant}; the
 * response never says whether the user name, the password or the token was wrong. Failed
 * password logins are counted by the rate-limit starter's {@link LoginAttemptGuard}
 * before the password is checked.
 */
@RestController
@RequestMapping(path = "/api/v1/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
@Tag(name = "tokens")
public class TokenController {

	private static final String PASSWORD = "password";

	private static final String REFRESH_TOKEN = "refresh_token";

	private final AuthenticationService authentication;

	private final RefreshGrant refreshGrant;

	private final @Nullable LoginAttemptGuard guard;

	private final ProblemResponseWriter problems;

	private final ApplicationEventPublisher events;

	private final UserService users;

	private final UnknownUserNames unknownUserNames;

	TokenController(AuthenticationService authentication, RefreshGrant refreshGrant,
			ObjectProvider<LoginAttemptGuard> guard, ProblemResponseWriter problems, ApplicationEventPublisher events,
			UserService users, UnknownUserNames unknownUserNames) {
		this.authentication = authentication;
		this.refreshGrant = refreshGrant;
		this.guard = guard.getIfAvailable();
		this.problems = problems;
		this.events = events;
		this.users = users;
		this.unknownUserNames = unknownUserNames;
	}

	@PostMapping
	@Operation(summary = "Get tokens with grant_type=password (username, password) or "
			+ "grant_type=refresh_token (refresh_token)", security = {})
	ResponseEntity<?> token(@RequestParam("grant_type") String grantType,
			@RequestParam(required = false) @Nullable String username,
			@RequestParam(required = false) @Nullable String password,
			@RequestParam(name = REFRESH_TOKEN, required = false) @Nullable String refreshToken,
			HttpServletRequest request) {
		return switch (grantType) {
			case PASSWORD -> (username != null && password != null) ? login(username, password, request)
					: invalidRequest(request, "username and password are required");
			case REFRESH_TOKEN ->
				(refreshToken != null) ? tokens(TokenResponse.of(this.refreshGrant.refresh(refreshToken)))
						: invalidRequest(request, "refresh_token is required");
			default -> oauthError(request, HttpStatus.BAD_REQUEST, "unsupported_grant_type",
					"grant_type must be password or refresh_token.");
		};
	}

	@PostMapping("/revoke")
	@Operation(summary = "Revoke an access or refresh token (RFC 7009); always 200", security = {})
	ResponseEntity<Void> revoke(@RequestParam String token) {
		this.authentication.revoke(token);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
	}

	@ExceptionHandler(InvalidGrantException.class)
	ResponseEntity<ProblemDetail> invalidGrant(HttpServletRequest request) {
		return oauthError(request, HttpStatus.UNAUTHORIZED, "invalid_grant",
				"The credentials or the refresh token are invalid, expired or revoked.");
	}

	private ResponseEntity<?> login(String username, String password, HttpServletRequest request) {
		if (this.guard != null) {
			this.guard.check(username, request).throwIfRefused();
		}
		try {
			TokenResponse response = TokenResponse.of(this.authentication.login(username, password));
			if (this.guard != null) {
				this.guard.recordSuccess(username, request);
			}
			audit(username, AuditTypes.LOGIN_SUCCESS);
			return tokens(response);
		}
		catch (InvalidGrantException ex) {
			if (this.guard != null) {
				this.guard.recordFailure(username, request);
			}
			// asked for every failure alike, so the extra look-up does not tell which
			// names exist
			audit(this.users.exists(username) ? username : this.unknownUserNames.pseudonym(username),
					AuditTypes.LOGIN_FAILURE);
			throw ex;
		}
	}

	/**
	 * Records a login; the principal is a user's name, never a name no user has (often a
	 * password typed into the user name field): failures log those as a keyed hash.
	 * @param principal the user's name, or the keyed hash of a name no user has
	 * @param type the audit event's type
	 */
	private void audit(String principal, String type) {
		this.events.publishEvent(new AuditApplicationEvent(principal, type, Map.of("grant_type", PASSWORD)));
	}

	private static ResponseEntity<TokenResponse> tokens(TokenResponse response) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(response);
	}

	private ResponseEntity<ProblemDetail> invalidRequest(HttpServletRequest request, String detail) {
		return oauthError(request, HttpStatus.BAD_REQUEST, "invalid_request", detail + ".");
	}

	private ResponseEntity<ProblemDetail> oauthError(HttpServletRequest request, HttpStatus status, String error,
			String detail) {
		ProblemDetail problem = this.problems.create(request, status, detail);
		problem.setProperty("error", error);
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
