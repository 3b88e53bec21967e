package dev.secureapi.security.web;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.secureapi.security.jwt.AccessTokenVerifier;
import dev.secureapi.security.jwt.InvalidTokenException;
import dev.secureapi.security.jwt.InvalidTokenException.Reason;
import dev.secureapi.security.jwt.VerifiedToken;

/**
 * Authenticates a request from its {@code Authorization: Bearer} header (RFC 6750 §2.1;
 * tokens in query parameters or form bodies are not read). A request without a bearer
 * header passes on unauthenticated; a presented token that fails any check is answered at
 * once with 401 {@code invalid_token}, as are an empty {@code Bearer} and two
 * {@code Authorization} headers.
 */
class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer";

	private final AccessTokenVerifier verifier;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contextHolder;

	private final AuthenticationOutcomeListener listener;

	/**
	 * Creates a filter.
	 * @param verifier verifies the token
	 * @param entryPoint answers rejected tokens
	 * @param contextHolder holds the authentication
	 * @param listener told of every outcome (for metrics)
	 */
	BearerTokenAuthenticationFilter(AccessTokenVerifier verifier, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy contextHolder, AuthenticationOutcomeListener listener) {
		this.verifier = verifier;
		this.entryPoint = entryPoint;
		this.contextHolder = contextHolder;
		this.listener = listener;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> headers = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
		if (headers.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		if (headers.size() > 1) {
			reject(request, response, Reason.MALFORMED);
			return;
		}
		String header = headers.get(0).strip();
		if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| (header.length() > BEARER.length() && header.charAt(BEARER.length()) != ' ')) {
			chain.doFilter(request, response);
			return;
		}
		String token = header.substring(BEARER.length()).strip();
		if (token.isEmpty() || token.indexOf(' ') >= 0) {
			reject(request, response, Reason.MALFORMED);
			return;
		}
		VerifiedToken verified;
		try {
			verified = this.verifier.verify(token);
		}
		catch (InvalidTokenException ex) {
			reject(request, response, ex.getReason());
			return;
		}
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(new JwtAuthentication(verified));
		this.contextHolder.setContext(context);
		this.listener.authenticated();
		chain.doFilter(request, response);
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, Reason reason)
			throws IOException, ServletException {
		this.contextHolder.clearContext();
		this.listener.rejected(reason);
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("Bearer token rejected: " + reason.tag().toUpperCase(Locale.ROOT));
		}
		this.entryPoint.commence(request, response, new InvalidBearerTokenException(reason));
	}

}
