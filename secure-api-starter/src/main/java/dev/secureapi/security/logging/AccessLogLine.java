package dev.secureapi.security.logging;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One access-log line, captured on the request thread with the logging context of the
 * request.
 *
 * @param method the HTTP method
 * @param path the path, with the masked query string when it is logged
 * @param status the response status
 * @param durationMs how long the request took
 * @param clientIp the client address
 * @param bytes the response body bytes
 * @param user the authenticated user, if any
 * @param context the request's logging context (MDC), such as the request id
 */
record AccessLogLine(String method, String path, int status, long durationMs, String clientIp, long bytes,
		@Nullable String user, @Nullable Map<String, String> context) {

}
