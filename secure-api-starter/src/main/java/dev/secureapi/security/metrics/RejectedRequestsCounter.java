package dev.secureapi.security.metrics;

/**
 * Counts requests the kit refused, by reason. Filters of every secure-api module report
 * through this one bean, so a dashboard sees all rejections in one metric
 * ({@value #METRIC_NAME}, tagged {@code reason}). Reasons are a small fixed vocabulary
 * (the constants here, or a module's own of the same shape); never a path, address or
 * user.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RejectedRequestsCounter {

	/** The Micrometer name of the counter. */
	String METRIC_NAME = "secure_api.requests.rejected";

	/** The tag carrying the reason. */
	String REASON_TAG = "reason";

	/** A body over the size limit, declared or streamed. */
	String BODY_LIMIT = "body_limit";

	/** A plain-HTTP request while HTTPS is required. */
	String HTTPS_REQUIRED = "https_required";

	/** A cross-origin request from an origin, method or header that is not allowed. */
	String CORS = "cors";

	/** A request refused by a rate limit. */
	String RATE_LIMIT = "rate_limit";

	/** A request refused because its token was invalid. */
	String INVALID_TOKEN = "invalid_token";

	/**
	 * Counts one rejected request.
	 * @param reason why it was refused: lower-case letters, digits and underscores, at
	 * most 32 characters
	 */
	void increment(String reason);

	/**
	 * A counter that counts nothing, for applications without Micrometer.
	 * @return the no-op counter
	 */
	static RejectedRequestsCounter noop() {
		return (reason) -> {
		};
	}

}
