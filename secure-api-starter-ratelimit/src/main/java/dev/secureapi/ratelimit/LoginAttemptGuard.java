package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.function.Function;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.secureapi.ratelimit.RateLimitRecorder.Outcome;
import dev.secureapi.security.proxy.ClientIpResolver;

/**
 * Guards a login endpoint against password guessing by counting FAILED logins per
 * (username, client address) and per username. Call {@link #check} before verifying the
 * password, then {@link #recordFailure} or {@link #recordSuccess}:
 *
 * <pre class="code">
 * guard.check(username, request).throwIfRefused();   // 429 with Retry-After, before any password work
 * if (!passwordMatches) {
 *     guard.recordFailure(username, request);          // also for usernames that do not exist
 *     throw invalidGrant();
 * }
 * guard.recordSuccess(username, request);
 * </pre>
 *
 * Usernames are counted in the form the application looks users up by
 * ({@link LoginUsernameNormalizer}; by default Unicode NFKC and lower case), and IPv6
 * clients by their network prefix ({@code secure-api.rate-limit.ipv6-prefix-length}), so
 * neither respelling a username nor rotating addresses within one subscriber's network
 * buys fresh guesses.
 *
 * With {@code max-failures-per-user-and-ip: 5}, five failed attempts are answered by the
 * application (401) and the sixth attempt is refused, even with the right password and
 * whether or not the username exists: the guard never looks at the user store, so its
 * answer is no enumeration oracle.
 *
 * @since 0.1.0
 */
public class LoginAttemptGuard {

	/** The policy name under which the guard's checks are recorded in metrics. */
	public static final String POLICY_NAME = "login";

	private final RateLimitBackend backend;

	private final ClientIpResolver clientIpResolver;

	private final RateLimitRecorder recorder;

	private final RateLimitProperties.Login properties;

	private final BucketConfiguration perUserAndIp;

	private final BucketConfiguration perUser;

	private final LoginUsernameNormalizer normalizer;

	private final int ipv6PrefixLength;

	/**
	 * Creates a guard.
	 * @param backend where failure counters are kept
	 * @param clientIpResolver the application's client address resolver
	 * @param recorder where outcomes are recorded
	 * @param properties the guard's settings
	 */
	public LoginAttemptGuard(RateLimitBackend backend, ClientIpResolver clientIpResolver, RateLimitRecorder recorder,
			RateLimitProperties.Login properties) {
		this(backend, clientIpResolver, recorder, properties, LoginUsernameNormalizer.nfkcLowerCase(), 64);
	}

	/**
	 * Creates a guard.
	 * @param backend where failure counters are kept
	 * @param clientIpResolver the application's client address resolver
	 * @param recorder where outcomes are recorded
	 * @param properties the guard's settings
	 * @param normalizer turns a submitted username into the form users are looked up by,
	 * so every spelling of one account shares its counters
	 * @param ipv6PrefixLength the network prefix an IPv6 client is keyed by
	 */
	public LoginAttemptGuard(RateLimitBackend backend, ClientIpResolver clientIpResolver, RateLimitRecorder recorder,
			RateLimitProperties.Login properties, LoginUsernameNormalizer normalizer, int ipv6PrefixLength) {
		this.normalizer = normalizer;
		this.ipv6PrefixLength = ipv6PrefixLength;
		this.backend = backend;
		this.clientIpResolver = clientIpResolver;
		this.recorder = recorder;
		this.properties = properties;
		this.perUserAndIp = window(properties.getMaxFailuresPerUserAndIp(), properties.getWindow());
		this.perUser = window(properties.getMaxFailuresPerUser(), properties.getWindow());
	}

	private static BucketConfiguration window(long failures, Duration window) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(failures).refillIntervally(failures, window).build())
			.build();
	}

	/**
	 * Checks whether a login attempt may verify its password.
	 * @param username the username as submitted
	 * @param request the login request; its client address comes from the application's
	 * {@link ClientIpResolver}
	 * @return the decision
	 * @throws InvalidLoginUsernameException (400) if the username is too long or contains
	 * control characters
	 */
	public Decision check(String username, HttpServletRequest request) {
		return check(username, this.clientIpResolver.resolve(request));
	}

	/**
	 * Checks whether a login attempt may verify its password, and reserves the attempt as
	 * a failure until {@link #recordSuccess} clears it. Reserving here, not in
	 * {@link #recordFailure}, keeps a burst of parallel guesses from all passing the
	 * check before the first failure is counted.
	 * @param username the username as submitted
	 * @param clientIp the client address, as the application's {@link ClientIpResolver}
	 * resolves it
	 * @return the decision
	 * @throws InvalidLoginUsernameException (400) if the username is too long or contains
	 * control characters
	 */
	public Decision check(String username, String clientIp) {
		validate(username);
		String user = this.normalizer.normalize(username);
		String pairKey = userAndIpKey(user, clientIp);
		try {
			ConsumptionProbe pair = reserve(pairKey, this.perUserAndIp);
			if (!pair.isConsumed()) {
				return throttled(pair.getNanosToWaitForRefill());
			}
			ConsumptionProbe perUser = reserve(userKey(user), this.perUser);
			if (!perUser.isConsumed()) {
				this.backend.execute(pairKey, () -> this.perUserAndIp, refund());
				return throttled(perUser.getNanosToWaitForRefill());
			}
			this.recorder.record(POLICY_NAME, Outcome.ALLOWED);
			return Decision.ALLOWED;
		}
		catch (RateLimitBackendException ex) {
			this.recorder.record(POLICY_NAME, Outcome.BACKEND_ERROR);
			return this.properties.isFailOpen() ? Decision.ALLOWED : Decision.UNAVAILABLE;
		}
	}

	private ConsumptionProbe reserve(String key, BucketConfiguration configuration) {
		return this.backend.execute(key, () -> configuration, (bucket) -> bucket.tryConsumeAndReturnRemaining(1));
	}

	private Decision throttled(long waitNanos) {
		this.recorder.record(POLICY_NAME, Outcome.REJECTED);
		return new Decision(Decision.Status.THROTTLED, Duration.ofNanos(waitNanos));
	}

	private static Function<Bucket, @Nullable Void> refund() {
		return (bucket) -> {
			bucket.addTokens(1);
			return null;
		};
	}

	/**
	 * Records a failed login: a wrong password, or a username that does not exist.
	 * @param username the username as submitted
	 * @param request the login request
	 */
	public void recordFailure(String username, HttpServletRequest request) {
		recordFailure(username, this.clientIpResolver.resolve(request));
	}

	/**
	 * Records a failed login: a wrong password, or a username that does not exist. The
	 * failure was already counted when {@link #check} reserved the attempt; this method
	 * states the outcome and keeps the calling code symmetric.
	 * @param username the username as submitted
	 * @param clientIp the client address
	 */
	public void recordFailure(String username, String clientIp) {
		// the attempt reserved in check(...) stays counted: counting there keeps parallel
		// guesses from all passing
		// the check before any failure is recorded
	}

	/**
	 * Records a successful login, which clears the failures of the (username, client
	 * address) pair and gives back the attempt reserved on the per-username count. The
	 * other failures of the username are kept, so logging in from one address does not
	 * reopen guessing from others.
	 * @param username the username as submitted
	 * @param request the login request
	 */
	public void recordSuccess(String username, HttpServletRequest request) {
		recordSuccess(username, this.clientIpResolver.resolve(request));
	}

	/**
	 * Records a successful login, which clears the failures of the (username, client
	 * address) pair and gives back the attempt reserved on the per-username count.
	 * @param username the username as submitted
	 * @param clientIp the client address
	 */
	public void recordSuccess(String username, String clientIp) {
		if (isValid(username)) {
			String user = this.normalizer.normalize(username);
			quietly(userAndIpKey(user, clientIp), this.perUserAndIp, (bucket) -> {
				bucket.reset();
				return null;
			});
			quietly(userKey(user), this.perUser, refund());
		}
	}

	private void quietly(String key, BucketConfiguration configuration, Function<Bucket, ?> operation) {
		try {
			this.backend.execute(key, () -> configuration, operation);
		}
		catch (RateLimitBackendException ex) {
			// the backend logs its outage once; a lost count must not turn a login into
			// an error
			this.recorder.record(POLICY_NAME, Outcome.BACKEND_ERROR);
		}
	}

	private void validate(String username) {
		if (!isValid(username)) {
			throw new InvalidLoginUsernameException(this.properties.getMaxUsernameLength());
		}
	}

	private boolean isValid(String username) {
		if (username.isEmpty() || username.length() > this.properties.getMaxUsernameLength()) {
			return false;
		}
		return username.codePoints().noneMatch(Character::isISOControl);
	}

	private String userAndIpKey(String username, String clientIp) {
		return POLICY_NAME + ":user-ip:" + username.length() + ":" + username + ":"
				+ ClientAddressKeys.of(clientIp, this.ipv6PrefixLength);
	}

	private static String userKey(String username) {
		return POLICY_NAME + ":user:" + username;
	}

	/**
	 * Whether a login attempt may verify its password.
	 *
	 * @param status the answer
	 * @param retryAfter how long to wait when throttled; zero otherwise
	 */
	public record Decision(Status status, Duration retryAfter) {

		static final Decision ALLOWED = new Decision(Status.ALLOWED, Duration.ZERO);

		static final Decision UNAVAILABLE = new Decision(Status.UNAVAILABLE, Duration.ZERO);

		/**
		 * Whether the attempt may verify its password.
		 * @return whether it may
		 */
		public boolean isAllowed() {
			return this.status == Status.ALLOWED;
		}

		/**
		 * The wait in whole seconds, for a {@code Retry-After} header.
		 * @return the seconds, at least 1 when throttled
		 */
		public long retryAfterSeconds() {
			return (this.status != Status.THROTTLED) ? 0
					: Math.max(1, RateLimitDecision.ceilSeconds(this.retryAfter.toNanos()));
		}

		/**
		 * Throws the matching error response unless the attempt is allowed: 429 with
		 * {@code Retry-After} when throttled, 503 when the guard's backend is unreachable
		 * and the guard fails closed. Spring MVC answers it as problem+json.
		 * @throws LoginThrottledException unless allowed
		 */
		public void throwIfRefused() {
			if (!isAllowed()) {
				throw new LoginThrottledException(this);
			}
		}

		/**
		 * What the guard answered.
		 */
		public enum Status {

			/** The attempt may verify its password. */
			ALLOWED,

			/**
			 * Too many failed attempts: refuse with 429 without verifying the password.
			 */
			THROTTLED,

			/**
			 * The guard's backend is unreachable and the guard fails closed: refuse with
			 * 503.
			 */
			UNAVAILABLE

		}

	}

}
