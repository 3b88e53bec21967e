package dev.secureapi.security.password;

import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * Auto-configuration for password hashing: a {@link DelegatingPasswordEncoder} that
 * hashes new passwords with Argon2id ({@code {argon2}} prefix), still verifies bcrypt and
 * PBKDF2 hashes (reporting them through {@code upgradeEncoding} so they are re-hashed at
 * the next login), refuses over-long passwords before hashing. Logins through
 * {@code AuthenticationService} hash on a bounded pool
 * ({@code secure-api.password.hashing.*}).
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ PasswordEncoder.class, Argon2PasswordEncoder.class })
@ConditionalOnBooleanProperty(name = "secure-api.password.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PasswordProperties.class)
public final class PasswordEncoderAutoConfiguration {

	/** The id of the default encoder, written as {@code {argon2}} before new hashes. */
	public static final String DEFAULT_ID = "argon2";

	@Bean
	@ConditionalOnMissingBean
	PasswordEncoder passwordEncoder(PasswordProperties properties) {
		return new LengthLimitingPasswordEncoder(delegating(properties), properties.getMaxLength());
	}

	/**
	 * Builds the delegating encoder for the given properties.
	 * @param properties the password properties
	 * @return the encoder, without the length limit
	 */
	public static DelegatingPasswordEncoder delegating(PasswordProperties properties) {
		PasswordProperties.Argon2 argon2 = properties.getArgon2();
		Argon2PasswordEncoder argon2id = new Argon2PasswordEncoder(argon2.getSaltLength(), argon2.getHashLength(),
				argon2.getParallelism(), (int) argon2.getMemory().toKilobytes(), argon2.getIterations());
		Map<String, PasswordEncoder> encoders = Map.of(DEFAULT_ID, argon2id, "bcrypt", new BCryptPasswordEncoder(),
				"pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "pbkdf2",
				Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5());
		return new DelegatingPasswordEncoder(DEFAULT_ID, encoders);
	}

}
