package dev.secureapi.security.bodylimit;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * Thrown by a limited request body when reading passes the limit. It is an
 * {@link IOException}, as the stream's contract requires, and an {@link ErrorResponse}
 * that knows its answer (413), so whoever catches it while reading (a message converter,
 * the problem handler, the body-limit filter) answers 413, not 400 or 500.
 *
 * @since 0.1.0
 */
public class BodyTooLargeException extends IOException implements ErrorResponse {

	private static final long serialVersionUID = 1L;

	private final long limit;

	/**
	 * Creates an exception.
	 * @param limit the limit in bytes that was passed
	 */
	public BodyTooLargeException(long limit) {
		super("Request body exceeds the limit of " + limit + " bytes");
		this.limit = limit;
	}

	/**
	 * The limit that was passed.
	 * @return the limit in bytes
	 */
	public long getLimit() {
		return this.limit;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatus.PAYLOAD_TOO_LARGE;
	}

	@Override
	public ProblemDetail getBody() {
		return ProblemDetail.forStatusAndDetail(getStatusCode(), detail(this.limit));
	}

	static String detail(long limit) {
		return "The request body exceeds the limit of " + limit + " bytes.";
	}

}
