package dev.secureapi.example.user;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A password or e-mail change without the right current password. Answered 400; nothing
 * is changed.
 */
public class InvalidCurrentPasswordException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 */
	public InvalidCurrentPasswordException() {
		super(HttpStatus.BAD_REQUEST, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request content.");
		problem.setProperty("errors", List.of(Map.of("field", "current_password", "message",
				"must be the current password to change the password or e-mail address")));
		return problem;
	}

}
