package dev.secureapi.security.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers the servlet container's error dispatch (errors raised outside Spring MVC, {@code sendError} calls from
 * filters, requests the container itself refuses) with problem+json instead of Boot's default error body. The
 * detail is the status phrase: the error's own message is never shown.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

	private final ProblemResponseWriter writer;

	/**
	 * Creates a controller.
	 * @param writer the problem writer
	 */
	public ProblemErrorController(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	/**
	 * Answers an error dispatch.
	 * @param request the error dispatch
	 * @return the problem
	 */
	@RequestMapping
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request);
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
