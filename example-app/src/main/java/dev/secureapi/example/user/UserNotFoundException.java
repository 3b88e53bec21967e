package dev.secureapi.example.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A user that does not exist or that the caller may not see: both answer 404, so ids
 * cannot be probed.
 */
public class UserNotFoundException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 */
	public UserNotFoundException() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such user."), null);
	}

}
