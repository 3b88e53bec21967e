package dev.secureapi.security.requestid;

import java.util.regex.Pattern;

import jakarta.servlet.ServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The id of the current request: what {@link RequestIdFilter} accepted or generated, for
 * problem responses, logs and application code.
 *
 * @since 0.1.0
 */
public final class RequestId {

	/** The request attribute holding the id. */
	public static final String ATTRIBUTE = RequestId.class.getName();

	/** The logging-context (MDC) key holding the id. */
	public static final String MDC_KEY = "request_id";

	/**
	 * What an incoming id must look like to be accepted: at most 64 of
	 * {@code [A-Za-z0-9._-]}.
	 */
	public static final Pattern SAFE_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private RequestId() {
	}

	/**
	 * The id of the given request.
	 * @param request the request
	 * @return its id, or {@code null} when the request id filter did not run for it
	 */
	public static @Nullable String of(ServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return (id instanceof String value) ? value : null;
	}

	/**
	 * Whether an incoming id is safe to accept and echo.
	 * @param candidate the incoming value
	 * @return whether it matches {@link #SAFE_PATTERN}
	 */
	public static boolean isSafe(@Nullable String candidate) {
		return candidate != null && SAFE_PATTERN.matcher(candidate).matches();
	}

}
