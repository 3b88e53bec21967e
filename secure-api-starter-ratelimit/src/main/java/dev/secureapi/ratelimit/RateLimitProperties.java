package dev.secureapi.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpMethod;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration properties for rate limiting.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("secure-api.rate-limit")
@Validated
public class RateLimitProperties {

	/**
	 * Whether rate limiting and the login guard are enabled.
	 */
	private boolean enabled = true;

	/**
	 * Where buckets are kept: auto (redis when a RedisConnectionFactory exists, else
	 * local), local or redis.
	 */
	private Backend backend = Backend.AUTO;

	/**
	 * Whether requests are let through when the backend is unreachable; when false they
	 * are answered 503.
	 */
	private boolean failOpen = true;

	/**
	 * Whether limited responses carry the RateLimit-Policy and RateLimit headers.
	 */
	private boolean exposeHeaders = true;

	/**
	 * How many instances of the application are declared to run; more than one with the
	 * local backend is reported by the production checks, since each instance would then
	 * admit the full capacity.
	 */
	@Positive
	private int expectedInstances = 1;

	/**
	 * Length of the network prefix an IPv6 client is keyed by, for ip keys and the login
	 * guard: every address of one /64 (by default) shares one bucket, since a single
	 * subscriber usually holds a whole /64. IPv4 clients are keyed by their full address.
	 */
	@Min(1)
	@Max(128)
	private int ipv6PrefixLength = 64;

	/**
	 * The policies every request is checked against; each matching policy is checked and
	 * the most restrictive answer wins.
	 */
	@Valid
	private List<Policy> policies = new ArrayList<>();

	/**
	 * The local backend.
	 */
	@Valid
	private final Local local = new Local();

	/**
	 * The redis backend.
	 */
	@Valid
	private final Redis redis = new Redis();

	/**
	 * The login guard.
	 */
	@Valid
	private final Login login = new Login();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Backend getBackend() {
		return this.backend;
	}

	public void setBackend(Backend backend) {
		this.backend = backend;
	}

	public boolean isFailOpen() {
		return this.failOpen;
	}

	public void setFailOpen(boolean failOpen) {
		this.failOpen = failOpen;
	}

	public int getIpv6PrefixLength() {
		return this.ipv6PrefixLength;
	}

	public void setIpv6PrefixLength(int ipv6PrefixLength) {
		this.ipv6PrefixLength = ipv6PrefixLength;
	}

	public boolean isExposeHeaders() {
		return this.exposeHeaders;
	}

	public void setExposeHeaders(boolean exposeHeaders) {
		this.exposeHeaders = exposeHeaders;
	}

	public int getExpectedInstances() {
		return this.expectedInstances;
	}

	public void setExpectedInstances(int expectedInstances) {
		this.expectedInstances = expectedInstances;
	}

	public List<Policy> getPolicies() {
		return this.policies;
	}

	public void setPolicies(List<Policy> policies) {
		this.policies = policies;
	}

	public Local getLocal() {
		return this.local;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Login getLogin() {
		return this.login;
	}

	/**
	 * Where buckets are kept.
	 */
	public enum Backend {

		/**
		 * Redis when the application has a {@code RedisConnectionFactory}, otherwise
		 * local.
		 */
		AUTO,

		/** In this instance's memory. */
		LOCAL,

		/** In Redis, shared by every instance. */
		REDIS

	}

	/**
	 * One rate-limit policy.
	 */
	public static class Policy {

		/**
		 * Name of the policy, used in headers, metrics and {@code @RateLimited}.
		 */
		@NotBlank
		@Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must contain only letters, digits, '_', '.' and '-'")
		private String name = "";

		/**
		 * Path patterns (Spring PathPattern syntax) the policy applies to; empty means
		 * the policy applies only to handler methods annotated with @RateLimited.
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * HTTP methods the policy applies to; empty means all.
		 */
		private Set<HttpMethod> methods = new LinkedHashSet<>();

		/**
		 * What identifies a client: ip (the resolved client address; an IPv6 client by
		 * its network prefix), user (the authenticated principal's name, the ip for
		 * anonymous requests), header:Name (the value of that request header, the ip when
		 * absent; the value is chosen by the client, so a new value is a new bucket) or
		 * header:Name+ip (a bucket per header value and one per ip, both must admit the
		 * request, so rotating the header value does not escape the ip's limit).
		 */
		@NotNull
		@Pattern(regexp = "ip|user|header:[!#$%&'*.^_`|~0-9A-Za-z-]+(\\+ip)?",
				message = "must be ip, user, header:<Name> or header:<Name>+ip")
		private String key = "ip";

		/**
		 * The limits of the policy; every one must admit a request.
		 */
		@NotEmpty
		@Valid
		private List<Limit> limits = new ArrayList<>();

		/**
		 * How many tokens one request takes.
		 */
		@Positive
		private long cost = 1;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public Set<HttpMethod> getMethods() {
			return this.methods;
		}

		public void setMethods(Set<HttpMethod> methods) {
			this.methods = methods;
		}

		public String getKey() {
			return this.key;
		}

		public void setKey(String key) {
			this.key = key;
		}

		public List<Limit> getLimits() {
			return this.limits;
		}

		public void setLimits(List<Limit> limits) {
			this.limits = limits;
		}

		public long getCost() {
			return this.cost;
		}

		public void setCost(long cost) {
			this.cost = cost;
		}

	}

	/**
	 * One token-bucket limit: capacity tokens, refilled greedily over the period.
	 */
	public static class Limit {

		/**
		 * How many requests the limit admits per period.
		 */
		@Positive
		private long capacity;

		/**
		 * The period over which the capacity is refilled.
		 */
		@NotNull
		@DurationMin(millis = 1)
		private Duration period = Duration.ofMinutes(1);

		public long getCapacity() {
			return this.capacity;
		}

		public void setCapacity(long capacity) {
			this.capacity = capacity;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

	}

	/**
	 * The local backend.
	 */
	public static class Local {

		/**
		 * How many keys (clients) the local backend keeps buckets for; the least recently
		 * used are dropped beyond it, so a flood of distinct clients cannot exhaust
		 * memory.
		 */
		@Positive
		private long maxKeys = 100_000;

		public long getMaxKeys() {
			return this.maxKeys;
		}

		public void setMaxKeys(long maxKeys) {
			this.maxKeys = maxKeys;
		}

	}

	/**
	 * The redis backend.
	 */
	public static class Redis {

		/**
		 * Prefix of every Redis key the backend writes.
		 */
		@NotBlank
		private String keyPrefix = "secure-api:rate-limit:";

		/**
		 * How long one bucket operation may take before the backend counts as
		 * unreachable.
		 */
		@NotNull
		@DurationMin(millis = 1)
		private Duration commandTimeout = Duration.ofMillis(100);

		/**
		 * How long the backend is bypassed after a failure before one request tries it
		 * again.
		 */
		@NotNull
		@DurationMin(millis = 1)
		private Duration circuitOpenDuration = Duration.ofSeconds(5);

		/**
		 * How long a bucket's key stays in Redis after the bucket has refilled
		 * completely.
		 */
		@NotNull
		@DurationMin(millis = 0)
		private Duration keepAfterRefill = Duration.ofSeconds(10);

		/**
		 * How many buckets this instance keeps a proxy and the last known state of. A
		 * check of a bucket it remembers costs one Redis round trip; of one it has
		 * forgotten, two.
		 */
		@Positive
		private long rememberedKeys = 10_000;

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getCommandTimeout() {
			return this.commandTimeout;
		}

		public void setCommandTimeout(Duration commandTimeout) {
			this.commandTimeout = commandTimeout;
		}

		public Duration getCircuitOpenDuration() {
			return this.circuitOpenDuration;
		}

		public void setCircuitOpenDuration(Duration circuitOpenDuration) {
			this.circuitOpenDuration = circuitOpenDuration;
		}

		public Duration getKeepAfterRefill() {
			return this.keepAfterRefill;
		}

		public void setKeepAfterRefill(Duration keepAfterRefill) {
			this.keepAfterRefill = keepAfterRefill;
		}

		public long getRememberedKeys() {
			return this.rememberedKeys;
		}

		public void setRememberedKeys(long rememberedKeys) {
			this.rememberedKeys = rememberedKeys;
		}

	}

	/**
	 * The login guard, which counts failed logins.
	 */
	public static class Login {

		/**
		 * Whether the login guard is available.
		 */
		private boolean enabled = true;

		/**
		 * How many failed logins one username may have from one client address within the
		 * window.
		 */
		@Positive
		private long maxFailuresPerUserAndIp = 5;

		/**
		 * How many failed logins one username may have from all client addresses within
		 * the window.
		 */
		@Positive
		private long maxFailuresPerUser = 20;

		/**
		 * The window over which failed logins are counted.
		 */
		@NotNull
		@DurationMin(seconds = 1)
		private Duration window = Duration.ofMinutes(15);

		/**
		 * Longest username the guard accepts; longer ones are refused before they reach
		 * the guard's key space.
		 */
		@Positive
		@Max(4096)
		private int maxUsernameLength = 256;

		/**
		 * Whether logins are let through when the backend is unreachable; when false they
		 * are answered 503.
		 */
		private boolean failOpen = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getMaxFailuresPerUserAndIp() {
			return this.maxFailuresPerUserAndIp;
		}

		public void setMaxFailuresPerUserAndIp(long maxFailuresPerUserAndIp) {
			this.maxFailuresPerUserAndIp = maxFailuresPerUserAndIp;
		}

		public long getMaxFailuresPerUser() {
			return this.maxFailuresPerUser;
		}

		public void setMaxFailuresPerUser(long maxFailuresPerUser) {
			this.maxFailuresPerUser = maxFailuresPerUser;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getMaxUsernameLength() {
			return this.maxUsernameLength;
		}

		public void setMaxUsernameLength(int maxUsernameLength) {
			this.maxUsernameLength = maxUsernameLength;
		}

		public boolean isFailOpen() {
			return this.failOpen;
		}

		public void setFailOpen(boolean failOpen) {
			this.failOpen = failOpen;
		}

	}

}
