package dev.secureapi.security.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers the servlet container's error dispatch (errors raised outside Spring MVC,
 * {@code sendError} calls from filters, requests the container itself refuses) with
 * problem+json instead of Boot's default error body. The detail is the status phrase: the
 * error's own message is never shown. An exception from a filter that means a dependency
 * is unavailable (the database or Redis, reached while checking a token) is answered 503
 * with {@code Retry-After} rather than 500.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

	private final ProblemResponseWriter writer;

	/**
	 * Creates a controller.
	 * @param writer the problem writer
	 */
	ProblemErrorController(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	/**
	 * Answers an error dispatch.
	 * @param request the error dispatch
	 * @return the problem
	 */
	@RequestMapping
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request);
		if (status == HttpStatus.INTERNAL_SERVER_ERROR
				&& UnavailableDependency.isCause((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, UnavailableDependency.RETRY_AFTER_SECONDS)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(this.writer.create(request, HttpStatus.SERVICE_UNAVAILABLE, UnavailableDependency.DETAIL));
		}
		String detail = status.is5xxServerError() ? "The server could not complete the request."
				: status.getReasonPhrase() + ".";
		ProblemDetail problem = this.writer.create(request, status, detail);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
