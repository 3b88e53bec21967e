package dev.secureapi.example.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A change that conflicts with the stored users: a taken user name or e-mail address, or
 * removing the last administrator. Answered 409.
 */
public class UserConflictException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 * @param detail what conflicts, for the client
	 */
	public UserConflictException(String detail) {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail), null);
	}

	static UserConflictException taken() {
		return new UserConflictException("The user name or e-mail address is already taken.");
	}

	static UserConflictException lastAdmin() {
		return new UserConflictException("The change would leave no administrator.");
	}

}
