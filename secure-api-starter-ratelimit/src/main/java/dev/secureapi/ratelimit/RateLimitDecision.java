package dev.secureapi.ratelimit;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.ConsumptionProbe;
import org.jspecify.annotations.Nullable;

/**
 * The answer of every policy that applied to one request. The most restrictive answer
 * wins: the request is refused when any policy refused it, and the client waits for the
 * longest of their waits.
 *
 * @param results one result per applied policy, in policy order
 * @since 0.1.0
 */
public record RateLimitDecision(List<Result> results) {

	/**
	 * Whether the request is admitted.
	 * @return {@code true} unless a policy refused it or a failed backend refuses
	 * requests
	 */
	public boolean isAllowed() {
		return !isRejected() && !isUnavailable();
	}

	/**
	 * Whether a policy refused the request because the client is over its limit.
	 * @return whether one did
	 */
	public boolean isRejected() {
		return this.results.stream().anyMatch((result) -> result.probe() != null && !result.probe().isConsumed());
	}

	/**
	 * Whether the backend could not answer and the configuration refuses requests then.
	 * @return whether it is so
	 */
	public boolean isUnavailable() {
		return this.results.stream().anyMatch(Result::refusedByFailure);
	}

	/**
	 * How long the client must wait before a refused request can succeed.
	 * @return whole seconds, at least 1; 0 when no policy refused the request
	 */
	public long retryAfterSeconds() {
		return this.results.stream()
			.filter((result) -> result.probe() != null && !result.probe().isConsumed())
			.mapToLong((result) -> ceilSeconds(result.probe().getNanosToWaitForRefill()))
			.map((seconds) -> Math.max(seconds, 1))
			.max()
			.orElse(0);
	}

	static long ceilSeconds(long nanos) {
		return (nanos <= 0) ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
	}

	/**
	 * The answer of one policy.
	 *
	 * @param policy the policy
	 * @param probe Bucket4j's answer, or {@code null} when the backend failed
	 * @param refusedByFailure whether the backend failed and requests are refused then
	 */
	public record Result(RateLimitPolicy policy, @Nullable ConsumptionProbe probe, boolean refusedByFailure) {
	}

}
