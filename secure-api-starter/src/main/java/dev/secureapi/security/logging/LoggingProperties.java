package dev.secureapi.security.logging;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Access log and masked logging settings.
 *
 * @since 0.1.0
 */
@Validated
@ConfigurationProperties(LoggingProperties.PREFIX)
public class LoggingProperties implements Validator {

	/** The prefix of these properties. */
	public static final String PREFIX = "secure-api.logging";

	/**
	 * Whether the access log, log masking and the logging production checks are on.
	 */
	private boolean enabled = true;

	/**
	 * Console log format set when logging.structured.format.console is not: ecs, logstash
	 * or gelf (JSON lines) or plain (one line of text per event, for a terminal). Every
	 * one is masked; a format set through logging.structured.format.console wins.
	 */
	private ConsoleFormat consoleFormat = ConsoleFormat.ECS;

	private final AccessLog accessLog = new AccessLog();

	private final MaskingSettings masking = new MaskingSettings();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public ConsoleFormat getConsoleFormat() {
		return this.consoleFormat;
	}

	public void setConsoleFormat(ConsoleFormat consoleFormat) {
		this.consoleFormat = consoleFormat;
	}

	public AccessLog getAccessLog() {
		return this.accessLog;
	}

	public MaskingSettings getMasking() {
		return this.masking;
	}

	@Override
	public boolean supports(Class<?> type) {
		return LoggingProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		List<String> patterns = ((LoggingProperties) target).getMasking().getPatterns();
		for (int i = 0; i < patterns.size(); i++) {
			try {
				Masker.compile(patterns.get(i), "patterns[" + i + "]");
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("masking.patterns[" + i + "]", "invalidPattern", ex.getMessage());
			}
		}
	}

	/**
	 * Access log settings.
	 */
	public static class AccessLog {

		/**
		 * Whether one line is logged per request (logger "secure-api.access") with
		 * method, path, status, duration_ms, client_ip, user, request_id and bytes as
		 * structured key/value pairs. Headers and bodies are never logged.
		 */
		private boolean enabled = true;

		/**
		 * Whether the logged path includes the query string. Values of parameters under
		 * the masking keys, and whatever the masking rules recognise, are masked.
		 */
		private boolean includeQueryString;

		/**
		 * Whether lines are written by a background thread through a bounded queue, so
		 * that a request never waits for the log; a line that finds the queue full is
		 * dropped and counted in "secure_api.access_log.dropped". When false, each line
		 * is written on the request thread.
		 */
		private boolean async = true;

		/**
		 * How many access-log lines may wait to be written before further lines are
		 * dropped.
		 */
		@Min(1)
		private int queueCapacity = 8192;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isIncludeQueryString() {
			return this.includeQueryString;
		}

		public void setIncludeQueryString(boolean includeQueryString) {
			this.includeQueryString = includeQueryString;
		}

		public boolean isAsync() {
			return this.async;
		}

		public void setAsync(boolean async) {
			this.async = async;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

	}

	/**
	 * Masking settings, applied to structured (JSON) log output and the kit's plain
	 * console format.
	 */
	public static class MaskingSettings {

		/**
		 * Whether log output is masked: every structured (JSON) format and the kit's
		 * plain console format. A plain-text pattern layout of the application's own is
		 * never masked.
		 */
		private boolean enabled = true;

		/**
		 * Names whose values are masked as a whole in JSON members, MDC entries,
		 * key/value pairs, key=value text and query strings. Compared ignoring case and
		 * separators; a name also matches when it ends with a key. Setting this replaces
		 * the default list: password, passwd, secret, token, authorization, cookie,
		 * set-cookie, api-key, private-key, credentials.
		 */
		private List<String> keys = new ArrayList<>(Masking.DEFAULT_KEYS);

		/**
		 * Additional regular expressions: every match in a logged string value is masked.
		 */
		private List<String> patterns = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getKeys() {
			return this.keys;
		}

		public void setKeys(List<String> keys) {
			this.keys = keys;
		}

		public List<String> getPatterns() {
			return this.patterns;
		}

		public void setPatterns(List<String> patterns) {
			this.patterns = patterns;
		}

		/**
		 * Creates the masking rules these settings describe.
		 * @return the rules
		 */
		public Masker toMasker() {
			return new Masker(this.keys, this.patterns);
		}

	}

}
