package dev.secureapi.security.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Answers authentication and authorization failures with problem+json and the RFC 6750 §3
 * challenge: 401 with {@code WWW-Authenticate: Bearer} when no token was sent, 401 with
 * {@code Bearer error="invalid_token"} when a token was rejected, 403 with
 * {@code Bearer error="insufficient_scope"} when the user lacks the role.
 */
class ProblemAuthenticationHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	/** The challenge sent when no token was presented. */
	public static final String CHALLENGE = "Bearer";

	/** The challenge sent when a token was rejected. */
	public static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

	/** The challenge sent when the user lacks the required role. */
	public static final String INSUFFICIENT_SCOPE_CHALLENGE = "Bearer error=\"insufficient_scope\"";

	private final ProblemResponseWriter writer;

	/**
	 * Creates a handler.
	 * @param writer writes the problem
	 */
	ProblemAuthenticationHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (exception instanceof InvalidBearerTokenException) {
			write(request, response, HttpStatus.UNAUTHORIZED, INVALID_TOKEN_CHALLENGE, "invalid_token",
					"The access token is invalid, expired or revoked.");
		}
		else {
			write(request, response, HttpStatus.UNAUTHORIZED, CHALLENGE, null,
					"Authentication with a bearer token is required.");
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		write(request, response, HttpStatus.FORBIDDEN, INSUFFICIENT_SCOPE_CHALLENGE, "insufficient_scope",
				"The access token does not grant access to this resource.");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String challenge,
			@org.jspecify.annotations.Nullable String error, String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		ProblemDetail problem = this.writer.create(request, status, detail);
		if (error != null) {
			problem.setProperty("error", error);
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		this.writer.write(request, response, problem);
	}

}
