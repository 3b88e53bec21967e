package dev.secureapi.security.password;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Thrown when every password-hashing slot stayed busy for longer than the configured
 * wait. Answered with 503 problem+json and a {@code Retry-After} header (in seconds).
 *
 * @since 0.1.0
 */
public class PasswordHashingBusyException extends ErrorResponseException {

	private final Duration retryAfter;

	/**
	 * Creates an exception.
	 * @param retryAfter how long the client should wait before trying again
	 */
	public PasswordHashingBusyException(Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Too many logins at once; try again shortly."), null);
		this.retryAfter = retryAfter;
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

	/**
	 * How long the client should wait before trying again.
	 * @return the delay
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
