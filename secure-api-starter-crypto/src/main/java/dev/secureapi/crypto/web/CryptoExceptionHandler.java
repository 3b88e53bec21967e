package dev.secureapi.crypto.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.secureapi.crypto.DataKeyStoreException;
import dev.secureapi.crypto.FieldDecryptionException;
import dev.secureapi.crypto.KeyProviderException;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Answers encryption failures with problem+json, ahead of the kit's generic handler: a
 * key provider that cannot be reached or a new data key that could not be stored gets 503
 * with {@code Retry-After} (the request stored nothing), and a stored value that fails
 * authentication gets the generic 500. Also matches these exceptions when JPA or Spring
 * wrapped them.
 *
 * @since 0.1.0
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CryptoExceptionHandler {

	private static final Log logger = LogFactory.getLog(CryptoExceptionHandler.class);

	private final ProblemResponseWriter writer;

	/**
	 * Creates a handler.
	 * @param writer the problem writer
	 */
	public CryptoExceptionHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	/**
	 * Answers a key-provider failure.
	 * @param ex the failure
	 * @param request the request
	 * @return a 503 problem
	 */
	@ExceptionHandler(KeyProviderException.class)
	public ResponseEntity<ProblemDetail> handleProviderFailure(KeyProviderException ex, HttpServletRequest request) {
		logger.warn("Key provider unavailable while handling " + request.getMethod() + " " + request.getRequestURI(),
				ex);
		return unavailable(request);
	}

	private ResponseEntity<ProblemDetail> unavailable(HttpServletRequest request) {
		ProblemDetail problem = this.writer.create(request, HttpStatus.SERVICE_UNAVAILABLE,
				"The encryption service is temporarily unavailable. Try again later.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * Answers a new data key that could not be stored (the database or its pool failed at
	 * that moment).
	 * @param ex the failure
	 * @param request the request
	 * @return a 503 problem
	 */
	@ExceptionHandler(DataKeyStoreException.class)
	public ResponseEntity<ProblemDetail> handleKeyStoreFailure(DataKeyStoreException ex, HttpServletRequest request) {
		logger.warn(
				"Data key could not be stored while handling " + request.getMethod() + " " + request.getRequestURI(),
				ex);
		return unavailable(request);
	}

	/**
	 * Answers a stored value that cannot be decrypted.
	 * @param ex the failure
	 * @param request the request
	 * @return a generic 500 problem
	 */
	@ExceptionHandler(FieldDecryptionException.class)
	public ResponseEntity<ProblemDetail> handleDecryptionFailure(FieldDecryptionException ex,
			HttpServletRequest request) {
		logger.error("Stored value failed decryption (" + ex.getReason() + ") while handling " + request.getMethod()
				+ " " + request.getRequestURI(), ex);
		ProblemDetail problem = this.writer.create(request, HttpStatus.INTERNAL_SERVER_ERROR,
				"The server could not complete the request.");
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
