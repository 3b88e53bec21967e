package dev.secureapi.security.problem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Answers every exception a controller raises with problem+json. Spring MVC's own
 * exceptions keep their status (400, 404, 405, 406, 413, 415, ...) with Spring's generic
 * details; validation failures list their fields under {@code errors}; anything unhandled
 * is logged once with its stack trace and answered 500 with a generic detail, so no
 * exception message, class name, SQL or path reaches the client. An I/O failure while
 * reading the request that is also an {@link ErrorResponse} (a body cut off at its size
 * limit) keeps its own status wherever it surfaces, instead of becoming a 400 or a 500. A
 * dependency that is unreachable or too slow (no database connection within the pool's
 * timeout, Redis down, a query timeout) is answered 503 with {@code Retry-After}: the
 * client may retry, and the transaction that met it was rolled back.
 */
@RestControllerAdvice
class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemExceptionHandler.class);

	private static final String GENERIC_DETAIL = "The server could not complete the request.";

	private final ProblemResponseWriter writer;

	/**
	 * Creates a handler.
	 * @param writer the problem writer
	 */
	ProblemExceptionHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	/**
	 * Answers Bean Validation failures of method parameters outside MVC's own validation.
	 * @param ex the exception
	 * @param request the request
	 * @return a 400 problem listing the invalid fields
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getConstraintViolations()
			.forEach((violation) -> errors
				.add(fieldError(leafName(violation.getPropertyPath().toString()), violation.getMessage())));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request content.");
		problem.setProperty(ProblemResponseWriter.ERRORS, errors);
		return complete(problem, HttpHeaders.EMPTY, request);
	}

	/**
	 * Answers any exception nothing else handled: a status from {@link ResponseStatus}
	 * when the exception carries one, else 500, always with a generic detail. Spring
	 * Security's exceptions are passed on, so its entry point and access-denied handler
	 * answer them.
	 * @param ex the exception
	 * @param request the request
	 * @return the problem response
	 * @throws Exception the Spring Security exception, rethrown
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex;
		}
		ErrorResponse readFailure = readFailure(ex);
		if (readFailure != null) {
			return answer(readFailure, request);
		}
		if (UnavailableDependency.isCause(ex)) {
			logger.warn("Dependency unavailable while handling " + describe(request) + ": " + ex);
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, UnavailableDependency.RETRY_AFTER_SECONDS);
			return complete(
					ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, UnavailableDependency.DETAIL),
					headers, request);
		}
		ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		HttpStatus status = (annotated != null) ? annotated.code() : HttpStatus.INTERNAL_SERVER_ERROR;
		if (status.is5xxServerError()) {
			logger.error("Unhandled exception while handling " + describe(request), ex);
		}
		String detail = (status == HttpStatus.INTERNAL_SERVER_ERROR) ? GENERIC_DETAIL : status.getReasonPhrase();
		return complete(ProblemDetail.forStatusAndDetail(status, detail), HttpHeaders.EMPTY, request);
	}

	/**
	 * Answers a body that could not be read: 400, unless reading failed with an I/O error
	 * that carries its own answer (the body limit's cut-off is a 413, whatever parser was
	 * reading when it happened); a JSON parser limit's refusal names the limit.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ErrorResponse readFailure = readFailure(ex);
		if (readFailure != null) {
			return answer(readFailure, request);
		}
		StreamConstraintsException limit = JsonParserLimitDetail.find(ex);
		if (limit != null) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					JsonParserLimitDetail.describe(limit));
			return complete(problem, headers, request);
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail("Invalid request content.");
		problem.setProperty(ProblemResponseWriter.ERRORS, fieldErrors(ex.getBindingResult()));
		return complete(problem, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String parameter = result.getMethodParameter().getParameterName();
			result.getResolvableErrors().forEach((error) -> {
				String field = (error instanceof FieldError fieldError) ? fieldError.getField() : parameter;
				errors.add(fieldError(field, error.getDefaultMessage()));
			});
		});
		ProblemDetail problem = ex.getBody();
		problem.setDetail("Invalid request content.");
		problem.setProperty(ProblemResponseWriter.ERRORS, errors);
		return complete(problem, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			return complete(problem, response.getHeaders(), request);
		}
		return (response != null) ? response : complete(ProblemDetail.forStatus(statusCode), headers, request);
	}

	private ResponseEntity<Object> complete(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
		HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		if (servletRequest != null) {
			this.writer.complete(problem, servletRequest);
		}
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

	private ResponseEntity<Object> answer(ErrorResponse failure, WebRequest request) {
		ProblemDetail body = failure.getBody();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(failure.getStatusCode(), body.getDetail());
		return complete(problem, failure.getHeaders(), request);
	}

	/**
	 * The I/O failure, somewhere in the cause chain, that already knows how the request
	 * must be answered.
	 * @param ex the exception the handler caught
	 * @return the failure, or {@code null} when the chain holds none
	 */
	private static @Nullable ErrorResponse readFailure(Throwable ex) {
		Throwable cause = ex;
		for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
			if (cause instanceof IOException && cause instanceof ErrorResponse response) {
				return response;
			}
		}
		return null;
	}

	private static List<Map<String, String>> fieldErrors(BindingResult result) {
		List<Map<String, String>> errors = new ArrayList<>();
		result.getFieldErrors().forEach((error) -> errors.add(fieldError(error.getField(), error.getDefaultMessage())));
		result.getGlobalErrors()
			.forEach((error) -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
		return errors;
	}

	private static Map<String, String> fieldError(@Nullable String field, @Nullable String message) {
		return Map.of("field", (field != null) ? field : "", "message", (message != null) ? message : "is invalid");
	}

	private static String leafName(String propertyPath) {
		int dot = propertyPath.lastIndexOf('.');
		return (dot >= 0) ? propertyPath.substring(dot + 1) : propertyPath;
	}

	private static String describe(WebRequest request) {
		HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		return (servletRequest != null) ? servletRequest.getMethod() + " " + servletRequest.getRequestURI()
				: request.getDescription(false);
	}

}
