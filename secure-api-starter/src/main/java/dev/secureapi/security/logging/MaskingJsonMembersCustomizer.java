package dev.secureapi.security.logging;

import java.time.temporal.TemporalAccessor;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.MemberPath;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.json.WritableJson;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Masks Spring Boot's structured (JSON) log output: the value of every member, MDC entry
 * or key/value pair whose name is a sensitive key is replaced as a whole, and every other
 * string value (message, MDC, key/value pairs, exception messages and stack traces) goes
 * through the text rules of {@link Masker}.
 * <p>
 * Spring Boot's logging system creates this customizer for every JSON format (ECS,
 * Logstash, GELF) because the starter lists it in {@code META-INF/spring.factories}; it
 * reads {@code secure-api.logging.masking.*} from the {@link Environment}. An invalid
 * setting does not break logging: the default rules apply and the application context
 * refuses to start with a message naming the setting.
 *
 * @since 0.1.0
 */
public class MaskingJsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

	private static final ThreadLocal<Boolean> skipping = new ThreadLocal<>();

	private final @Nullable Masker masker;

	/**
	 * Creates a customizer configured from the environment.
	 * @param environment the environment holding the {@code secure-api.logging.*}
	 * properties
	 */
	public MaskingJsonMembersCustomizer(Environment environment) {
		// one constructor only: SpringFactoriesLoader refuses a class with several
		this.masker = masker(environment);
	}

	static @Nullable Masker masker(Environment environment) {
		Binder binder = Binder.get(environment);
		boolean enabled = binder.bind(LoggingProperties.PREFIX + ".enabled", Boolean.class).orElse(true)
				&& binder.bind(LoggingProperties.PREFIX + ".masking.enabled", Boolean.class).orElse(true);
		if (!enabled) {
			return null;
		}
		LoggingProperties.MaskingSettings settings = binder
			.bind(LoggingProperties.PREFIX + ".masking", Bindable.of(LoggingProperties.MaskingSettings.class))
			.orElseGet(LoggingProperties.MaskingSettings::new);
		try {
			return settings.toMasker();
		}
		catch (IllegalArgumentException ex) {
			// the context's property validation reports the bad setting; until then the
			// defaults apply
			return new LoggingProperties.MaskingSettings().toMasker();
		}
	}

	/**
	 * Runs an action, such as starting a structured log encoder, during which customizers
	 * created on this thread add no masking: for a formatter of events whose values were
	 * masked before (see {@link AccessLogEvent#masked}).
	 * @param action the action
	 */
	static void withoutMasking(Runnable action) {
		skipping.set(Boolean.TRUE);
		try {
			action.run();
		}
		finally {
			skipping.remove();
		}
	}

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		Masker masker = this.masker;
		if (masker != null && skipping.get() == null) {
			members.applyingValueProcessor(new MaskingValueProcessor(masker));
		}
	}

	private record MaskingValueProcessor(Masker masker) implements ValueProcessor<Object> {

		@Override
		public @Nullable Object processValue(MemberPath path, @Nullable Object value) {
			if (value == null) {
				return null;
			}
			if (this.masker.isSensitiveKey(path.name())) {
				return Masking.MASK;
			}
			if (isExempt(value)) {
				return value;
			}
			String text = value.toString();
			String masked = this.masker.maskText(text);
			return (masked.equals(text)) ? value : masked;
		}

		/**
		 * Whether a value is left as it is: members, elements and entries of structured
		 * values are processed one by one, and numbers, booleans, times and enums cannot
		 * carry a secret.
		 * @param value the member's value
		 * @return whether it is left unmasked
		 */
		private static boolean isExempt(Object value) {
			return value instanceof Number || value instanceof Boolean || value instanceof Map<?, ?>
					|| value instanceof Iterable<?> || value instanceof WritableJson || value.getClass().isArray()
					|| value instanceof TemporalAccessor || value instanceof Enum<?>;
		}

	}

}
