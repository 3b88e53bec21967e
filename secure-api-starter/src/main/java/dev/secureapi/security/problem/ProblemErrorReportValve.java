package dev.secureapi.security.problem;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.secureapi.security.requestid.RequestId;

/**
 * Tomcat's error report for answers the application never saw: a request line or headers
 * Tomcat refuses to parse (too large, malformed, invalid characters) is answered here,
 * before any filter or error page could. It writes the same problem+json as the rest of
 * the kit, with the security headers and a fresh request id, instead of Tomcat's HTML
 * page. An oversized request head is answered 431 (RFC 6585) where Tomcat says 400.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	/**
	 * Tomcat's message for a request head over
	 * {@code server.max-http-request-header-size}.
	 */
	private static final String HEADER_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
		.getString("iib.requestheadertoolarge.error");

	private final ProblemResponseWriter writer;

	private final Map<String, String> headers;

	private final String requestIdHeader;

	/**
	 * Creates a valve.
	 * @param writer the problem writer
	 * @param headers the security headers every answer carries
	 * @param requestIdHeader the header carrying the request id
	 */
	ProblemErrorReportValve(ProblemResponseWriter writer, Map<String, String> headers, String requestIdHeader) {
		this.writer = writer;
		this.headers = Map.copyOf(headers);
		this.requestIdHeader = requestIdHeader;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus status = status(response.getStatus(), throwable);
		String id = RequestId.of(request);
		if (id == null) {
			id = UUID.randomUUID().toString();
			request.setAttribute(RequestId.ATTRIBUTE, id);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
		problem.setInstance(instance(request));
		try {
			response.resetBuffer();
			this.headers.forEach(response::setHeader);
			response.setHeader(this.requestIdHeader, id);
			this.writer.write(request, response, problem);
		}
		catch (IOException | RuntimeException ex) {
			// the connection is failing or already gone: there is nobody left to answer
		}
	}

	private static HttpStatus status(int code, @Nullable Throwable throwable) {
		if (code == 400 && throwable != null && HEADER_TOO_LARGE.equals(throwable.getMessage())) {
			return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
		}
		HttpStatus status = HttpStatus.resolve(code);
		return (status != null) ? status : HttpStatus.BAD_REQUEST;
	}

	private static String detail(HttpStatus status) {
		if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE) {
			return "The request headers exceed the server's limit.";
		}
		if (status == HttpStatus.BAD_REQUEST) {
			return "The request could not be parsed.";
		}
		return status.is5xxServerError() ? "The server could not complete the request."
				: status.getReasonPhrase() + ".";
	}

	/**
	 * The request's path when Tomcat got far enough to know it; "/" for a request line it
	 * could not read.
	 * @param request the request Tomcat could not hand to the application
	 * @return the problem's instance
	 */
	private static URI instance(Request request) {
		String path = null;
		try {
			path = request.getRequestURI();
		}
		catch (RuntimeException ex) {
			// a request line Tomcat could not parse has no usable path
		}
		if (path == null || path.isEmpty() || path.charAt(0) != '/') {
			return URI.create("/");
		}
		try {
			return new URI(null, null, path, null);
		}
		catch (java.net.URISyntaxException ex) {
			return URI.create("/");
		}
	}

}
