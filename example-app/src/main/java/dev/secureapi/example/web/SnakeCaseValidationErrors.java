package dev.secureapi.example.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;

import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Names invalid request-body fields the way the client wrote them: the API's JSON is
 * snake_case, so a too-long {@code display_name} is reported as {@code display_name}, not
 * as the Java property {@code displayName}. Everything else about the problem is the
 * starter's: the same writer, status, detail and {@code errors} shape.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SnakeCaseValidationErrors {

	private static final PropertyNamingStrategy SNAKE_CASE = PropertyNamingStrategies.SNAKE_CASE;

	private final ProblemResponseWriter writer;

	SnakeCaseValidationErrors(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	private static String snakeCase(String field) {
		// nested paths such as roles[0] keep their index; each dotted segment is
		// translated
		StringBuilder name = new StringBuilder();
		for (String segment : field.split("\\.")) {
			if (!name.isEmpty()) {
				name.append('.');
			}
			name.append(SNAKE_CASE.nameForField(null, null, segment));
		}
		return name.toString();
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException ex, HttpServletRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			String message = (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
			errors.add(Map.of("field", snakeCase(error.getField()), "message", message));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(Map.of("field", error.getObjectName(), "message",
					(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid")));
		ProblemDetail problem = this.writer.create(request, HttpStatus.BAD_REQUEST, "Invalid request content.");
		problem.setProperty(ProblemResponseWriter.ERRORS, errors);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
