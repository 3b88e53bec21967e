package dev.secureapi.ratelimit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A login attempt with a username the {@link LoginAttemptGuard} refuses to count: too
 * long, empty, or with control characters. Answered 400 as problem+json, before the
 * username reaches the guard's key space.
 *
 * @since 0.1.0
 */
public class InvalidLoginUsernameException extends ErrorResponseException {

	/**
	 * Creates an exception.
	 * @param maxLength the longest username accepted
	 */
	public InvalidLoginUsernameException(int maxLength) {
		super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The username must have 1 to " + maxLength + " characters and no control characters."), null);
	}

}
