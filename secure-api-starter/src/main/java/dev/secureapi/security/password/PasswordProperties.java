package dev.secureapi.security.password;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration properties for password hashing. The Argon2id defaults are the first
 * configuration of OWASP's Password Storage Cheat Sheet: 19 MiB of memory, 2 iterations,
 * 1 degree of parallelism.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("secure-api.password")
@Validated
public class PasswordProperties {

	/**
	 * Whether the kit contributes its PasswordEncoder.
	 */
	private boolean enabled = true;

	/**
	 * Longest accepted password, in characters; longer ones are refused before hashing.
	 */
	@Min(8)
	private int maxLength = 128;

	/**
	 * Argon2id parameters for new hashes.
	 */
	private final Argon2 argon2 = new Argon2();

	/**
	 * Limits on concurrent password hashing by logins.
	 */
	private final Hashing hashing = new Hashing();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxLength() {
		return this.maxLength;
	}

	public void setMaxLength(int maxLength) {
		this.maxLength = maxLength;
	}

	public Argon2 getArgon2() {
		return this.argon2;
	}

	public Hashing getHashing() {
		return this.hashing;
	}

	/**
	 * Limits on concurrent password hashing, so that a burst of logins cannot take every
	 * core.
	 */
	public static class Hashing {

		/**
		 * How many logins through the token endpoint (AuthenticationService) may hash a
		 * password at the same time. Defaults to the number of processors available to
		 * the JVM.
		 */
		@Min(1)
		private @Nullable Integer maxConcurrent;

		/**
		 * How long a login waits for a free hashing slot before it is answered with 503
		 * and Retry-After.
		 */
		@NotNull
		private Duration maxWait = Duration.ofMillis(100);

		/**
		 * Value of the Retry-After header of that 503 answer (whole seconds, at least 1).
		 */
		@NotNull
		private Duration retryAfter = Duration.ofSeconds(1);

		public @Nullable Integer getMaxConcurrent() {
			return this.maxConcurrent;
		}

		public void setMaxConcurrent(@Nullable Integer maxConcurrent) {
			this.maxConcurrent = maxConcurrent;
		}

		/**
		 * The configured limit, or the number of available processors when none is set.
		 * @return how many hashes may run at the same time
		 */
		public int maxConcurrentOrProcessors() {
			return (this.maxConcurrent != null) ? this.maxConcurrent : Runtime.getRuntime().availableProcessors();
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

	}

	/**
	 * Argon2id parameters.
	 */
	public static class Argon2 {

		/**
		 * Memory used per hash.
		 */
		@NotNull
		private DataSize memory = DataSize.ofKilobytes(19 * 1024);

		/**
		 * Number of passes over the memory.
		 */
		@Min(1)
		private int iterations = 2;

		/**
		 * Degree of parallelism.
		 */
		@Min(1)
		private int parallelism = 1;

		/**
		 * Salt length in bytes.
		 */
		@Min(16)
		private int saltLength = 16;

		/**
		 * Hash length in bytes.
		 */
		@Min(16)
		private int hashLength = 32;

		public DataSize getMemory() {
			return this.memory;
		}

		public void setMemory(DataSize memory) {
			this.memory = memory;
		}

		public int getIterations() {
			return this.iterations;
		}

		public void setIterations(int iterations) {
			this.iterations = iterations;
		}

		public int getParallelism() {
			return this.parallelism;
		}

		public void setParallelism(int parallelism) {
			this.parallelism = parallelism;
		}

		public int getSaltLength() {
			return this.saltLength;
		}

		public void setSaltLength(int saltLength) {
			this.saltLength = saltLength;
		}

		public int getHashLength() {
			return this.hashLength;
		}

		public void setHashLength(int hashLength) {
			this.hashLength = hashLength;
		}

	}

}
