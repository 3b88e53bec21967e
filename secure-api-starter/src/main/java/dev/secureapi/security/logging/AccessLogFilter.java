package dev.secureapi.security.logging;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.secureapi.security.proxy.ClientIpResolver;
import dev.secureapi.security.requestid.RequestId;

/**
 * Logs one line per request, once the response is complete, to the logger
 * {@value #LOGGER_NAME}: a short message ({@code GET /api/users 200 12ms}) and the fields
 * {@code method}, {@code path}, {@code status}, {@code duration_ms}, {@code client_ip},
 * {@code user} (when authenticated) and {@code bytes} (response body bytes written
 * through this filter) as SLF4J key/value pairs, which Spring Boot's structured logging
 * writes as JSON members; {@code request_id} comes from the logging context. Headers and
 * bodies are never logged, and the query string only when asked for, masked.
 * <p>
 * As configured by the starter, the request thread only captures the line's fields and
 * hands them to a bounded queue; a background thread
 * ({@value AccessLogWriter#THREAD_NAME}) encodes and appends them, and a line that finds
 * the queue full is dropped and counted ({@code secure_api.access_log.dropped}) rather
 * than making the request wait.
 */
class AccessLogFilter extends OncePerRequestFilter {

	/** The name of the access log's logger. */
	public static final String LOGGER_NAME = "secure-api.access";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private static final boolean LOGBACK = ClassUtils.isPresent("ch.qos.logback.classic.Logger",
			AccessLogFilter.class.getClassLoader());

	private static final String FINAL_STATUS_LISTENER = AccessLogFilter.class.getName() + ".FINAL_STATUS_LISTENER";

	private static final String DEFERRED_LINE = AccessLogFilter.class.getName() + ".DEFERRED_LINE";

	private final ClientIpResolver clientIpResolver;

	private final AccessLogUserResolver userResolver;

	private final @Nullable Masker queryStringMasker;

	private final @Nullable AccessLogWriter writer;

	/**
	 * Creates a filter.
	 * @param clientIpResolver resolves the client address
	 * @param userResolver names the authenticated user
	 * @param queryStringMasker masks the query string, which is logged only when this is
	 * not {@code null}
	 */
	AccessLogFilter(ClientIpResolver clientIpResolver, AccessLogUserResolver userResolver,
			@Nullable Masker queryStringMasker) {
		this(clientIpResolver, userResolver, queryStringMasker, null);
	}

	/**
	 * Creates a filter that logs through a writer's queue, or on the request thread when
	 * there is none.
	 * @param clientIpResolver resolves the client's address
	 * @param userResolver resolves the authenticated user
	 * @param queryStringMasker masks the query string, or {@code null} to log none
	 * @param writer the queue's writer, or {@code null} to log on the request thread
	 */
	AccessLogFilter(ClientIpResolver clientIpResolver, AccessLogUserResolver userResolver,
			@Nullable Masker queryStringMasker, @Nullable AccessLogWriter writer) {
		this.clientIpResolver = clientIpResolver;
		this.userResolver = userResolver;
		this.queryStringMasker = queryStringMasker;
		this.writer = writer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		CountingResponseWrapper countingResponse = new CountingResponseWrapper(response);
		boolean failed = true;
		try {
			chain.doFilter(request, countingResponse);
			failed = false;
		}
		finally {
			if (!failed && request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new CompletionListener(request, countingResponse, start));
			}
			else {
				log(request, countingResponse, failed, start);
			}
		}
	}

	private void log(HttpServletRequest request, CountingResponseWrapper response, boolean failed, long start) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		int status = response.getStatus();
		if (failed && status < 400 && !response.isCommitted()) {
			if (request.getAttribute(FINAL_STATUS_LISTENER) != null) {
				// the exception is still on its way to the container, whose error page
				// decides the status the
				// client gets (503 for an unavailable dependency): log once the container
				// is done with the request
				Map<String, String> context = MDC.getCopyOfContextMap();
				request.setAttribute(DEFERRED_LINE,
						(Runnable) () -> log(request, response, response.getStatus(), start, context));
				return;
			}
			// no listener sees the end of the request: the container answers an unhandled
			// exception with 500
			status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
		}
		log(request, response, status, start, (this.writer != null) ? MDC.getCopyOfContextMap() : null);
	}

	private void log(HttpServletRequest request, CountingResponseWrapper response, int status, long start,
			@Nullable Map<String, String> context) {
		long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		AccessLogWriter writer = this.writer;
		AccessLogLine line = new AccessLogLine(request.getMethod(), path(request), status, durationMs,
				this.clientIpResolver.resolve(request), response.getBytesWritten(), this.userResolver.resolve(request),
				context);
		if (writer != null) {
			writer.offer(line);
		}
		else {
			write(line);
		}
	}

	/**
	 * A listener that lets the filter log a request whose exception reached the container
	 * with the status the container's error page answered (a 503 for an unavailable
	 * dependency, not a 500), once the container is done with the request. Without it (a
	 * filter used on its own, MockMvc), such a request is logged as 500.
	 * @return the listener, to register with the servlet container
	 */
	static ServletRequestListener finalStatusListener() {
		return new ServletRequestListener() {

			@Override
			public void requestInitialized(ServletRequestEvent event) {
				event.getServletRequest().setAttribute(FINAL_STATUS_LISTENER, Boolean.TRUE);
			}

			@Override
			public void requestDestroyed(ServletRequestEvent event) {
				Object deferred = event.getServletRequest().getAttribute(DEFERRED_LINE);
				if (deferred instanceof Runnable line) {
					event.getServletRequest().removeAttribute(DEFERRED_LINE);
					line.run();
				}
			}

		};
	}

	/**
	 * Logs a line, with its logging context in place when it was captured on another
	 * thread. With Logback the line is an {@link AccessLogEvent}, which the starter's
	 * encoder masks once instead of member by member.
	 * @param line the line
	 */
	static void write(AccessLogLine line) {
		if (LOGBACK && AccessLogEvent.append(logger, line)) {
			return;
		}
		Map<String, String> context = line.context();
		if (context != null) {
			MDC.setContextMap(context);
		}
		try {
			LoggingEventBuilder event = logger.atInfo()
				.addKeyValue("method", line.method())
				.addKeyValue("path", line.path())
				.addKeyValue("status", line.status())
				.addKeyValue("duration_ms", line.durationMs())
				.addKeyValue("client_ip", line.clientIp())
				.addKeyValue("bytes", line.bytes());
			if (line.user() != null) {
				event = event.addKeyValue("user", line.user());
			}
			event.log(AccessLogEvent.MESSAGE, line.method(), line.path(), line.status(), line.durationMs());
		}
		finally {
			if (context != null) {
				MDC.clear();
			}
		}
	}

	private String path(HttpServletRequest request) {
		String path = request.getRequestURI();
		String query = request.getQueryString();
		if (this.queryStringMasker == null || query == null || query.isEmpty()) {
			return path;
		}
		return path + "?" + this.queryStringMasker.maskQueryString(query);
	}

	/**
	 * Logs an asynchronous request once it completes, with the request id back in the
	 * logging context of whichever thread completes it.
	 */
	private final class CompletionListener implements AsyncListener {

		private final HttpServletRequest request;

		private final CountingResponseWrapper response;

		private final long start;

		CompletionListener(HttpServletRequest request, CountingResponseWrapper response, long start) {
			this.request = request;
			this.response = response;
			this.start = start;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			String requestId = RequestId.of(this.request);
			boolean putRequestId = requestId != null && MDC.get(RequestId.MDC_KEY) == null;
			if (putRequestId) {
				MDC.put(RequestId.MDC_KEY, requestId);
			}
			try {
				log(this.request, this.response, false, this.start);
			}
			finally {
				if (putRequestId) {
					MDC.remove(RequestId.MDC_KEY);
				}
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// a new asynchronous cycle drops the listeners of the previous one
			event.getAsyncContext().addListener(this);
		}

	}

}
