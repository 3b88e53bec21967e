package dev.secureapi.security.problem;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.util.UrlPathHelper;
import tools.jackson.databind.json.JsonMapper;

import dev.secureapi.security.requestid.RequestId;

/**
 * The one writer of RFC 9457 problem+json responses. MVC exception handling, the error
 * page, Spring Security's entry point and access-denied handler, and the kit's filters
 * all answer through it, so every error carries the same members: {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance} and {@code request_id}.
 *
 * @since 0.1.0
 */
public class ProblemResponseWriter {

	/** The problem property holding the request id. */
	public static final String REQUEST_ID = "request_id";

	/** The problem property holding field errors: a list of {@code {field, message}}. */
	public static final String ERRORS = "errors";

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private static final UrlPathHelper PATHS = UrlPathHelper.defaultInstance;

	private final JsonMapper mapper;

	private final @Nullable URI typeBaseUri;

	/**
	 * Creates a writer.
	 * @param mapper the JSON mapper to write with
	 * @param typeBaseUri base URI for problem types, or {@code null} for
	 * {@code about:blank}
	 */
	public ProblemResponseWriter(JsonMapper mapper, @Nullable URI typeBaseUri) {
		this.mapper = mapper.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
		this.typeBaseUri = typeBaseUri;
	}

	/**
	 * Creates a problem for the given request.
	 * @param request the request that failed
	 * @param status the status to answer
	 * @param detail a message for the client; never an exception message
	 * @return the problem, with type, title, instance and request id set
	 */
	public ProblemDetail create(HttpServletRequest request, HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		return complete(problem, request);
	}

	/**
	 * Fills in what a problem built elsewhere may lack: title, type, instance and request
	 * id.
	 * @param problem the problem
	 * @param request the request that failed
	 * @return the same problem
	 */
	public ProblemDetail complete(ProblemDetail problem, HttpServletRequest request) {
		HttpStatus status = HttpStatus.resolve(problem.getStatus());
		if (problem.getTitle() == null && status != null) {
			problem.setTitle(status.getReasonPhrase());
		}
		// Spring Framework 7 leaves "type" unset for about:blank; the kit always writes
		// it, clients read it
		if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
			problem.setType((this.typeBaseUri != null && status != null) ? this.typeBaseUri.resolve(slug(status))
					: ABOUT_BLANK);
		}
		if (problem.getInstance() == null) {
			problem.setInstance(instance(request));
		}
		Object requestId = RequestId.of(request);
		if (requestId != null) {
			problem.setProperty(REQUEST_ID, requestId);
		}
		return problem;
	}

	/**
	 * Answers the request with a problem.
	 * @param request the request that failed
	 * @param response the response to write; if it is already committed nothing is
	 * written
	 * @param status the status to answer
	 * @param detail a message for the client; never an exception message
	 * @throws IOException if writing fails
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String detail)
			throws IOException {
		write(request, response, create(request, status, detail));
	}

	/**
	 * Answers the request with a problem.
	 * @param request the request that failed
	 * @param response the response to write; if it is already committed nothing is
	 * written
	 * @param problem the problem
	 * @throws IOException if writing fails
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		complete(problem, request);
		byte[] body = this.mapper.writeValueAsBytes(problem);
		response.resetBuffer();
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private static URI instance(HttpServletRequest request) {
		Object errorUri = request.getAttribute("jakarta.servlet.error.request_uri");
		String path = (errorUri instanceof String uri) ? uri : PATHS.getRequestUri(request);
		try {
			return new URI(null, null, path, null);
		}
		catch (java.net.URISyntaxException ex) {
			return URI.create("/");
		}
	}

	private static String slug(HttpStatus status) {
		return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
