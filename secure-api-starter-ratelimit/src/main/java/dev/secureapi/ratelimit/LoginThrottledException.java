package dev.secureapi.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A login attempt refused by the {@link LoginAttemptGuard}: 429 with {@code Retry-After},
 * or 503 with {@code Retry-After} when the guard cannot count. Spring MVC answers it as
 * problem+json through the application's exception handler.
 *
 * @since 0.1.0
 */
public class LoginThrottledException extends ErrorResponseException {

	private final transient LoginAttemptGuard.Decision decision;

	/**
	 * Creates an exception.
	 * @param decision the guard's decision
	 */
	public LoginThrottledException(LoginAttemptGuard.Decision decision) {
		super(status(decision), problem(decision), null);
		this.decision = decision;
		getHeaders().set(HttpHeaders.RETRY_AFTER, (decision.status() == LoginAttemptGuard.Decision.Status.THROTTLED)
				? Long.toString(decision.retryAfterSeconds()) : RateLimitResponses.UNAVAILABLE_RETRY_AFTER_SECONDS);
	}

	/**
	 * The guard's decision.
	 * @return the decision
	 */
	public LoginAttemptGuard.Decision getDecision() {
		return this.decision;
	}

	private static HttpStatus status(LoginAttemptGuard.Decision decision) {
		return (decision.status() == LoginAttemptGuard.Decision.Status.THROTTLED) ? HttpStatus.TOO_MANY_REQUESTS
				: HttpStatus.SERVICE_UNAVAILABLE;
	}

	private static ProblemDetail problem(LoginAttemptGuard.Decision decision) {
		String detail = (decision.status() == LoginAttemptGuard.Decision.Status.THROTTLED)
				? "Too many failed login attempts; retry after " + decision.retryAfterSeconds() + " seconds."
				: "Login is temporarily unavailable; retry later.";
		return ProblemDetail.forStatusAndDetail(status(decision), detail);
	}

}
