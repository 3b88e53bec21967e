package dev.secureapi.security.authentication;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.secureapi.security.jwt.JwtAutoConfiguration;
import dev.secureapi.security.jwt.TokenService;
import dev.secureapi.security.jwt.TokenUserValidator;
import dev.secureapi.security.password.BoundedPasswordEncoder;
import dev.secureapi.security.password.PasswordEncoderAutoConfiguration;
import dev.secureapi.security.password.PasswordProperties;

/**
 * Auto-configuration for the {@link AuthenticationService} and for rejecting tokens of
 * disabled or deleted users and tokens issued before a user's authority changed, both
 * over the application's {@link UserAccountService} bean, which is also exposed as a
 * {@link UserDetailsService} (so Spring Boot does not create its generated-password
 * user).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { JwtAutoConfiguration.class, PasswordEncoderAutoConfiguration.class },
		before = UserDetailsServiceAutoConfiguration.class)
@ConditionalOnBean(UserAccountService.class)
public final class AuthenticationServiceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ TokenService.class, PasswordEncoder.class })
	AuthenticationService authenticationService(UserAccountService users, PasswordEncoder passwordEncoder,
			ObjectProvider<PasswordProperties> passwordProperties, TokenService tokens) {
		// logins hash on a bounded pool, so a burst of them cannot take every core from
		// the rest of the API
		PasswordProperties.Hashing hashing = passwordProperties.getIfAvailable(PasswordProperties::new).getHashing();
		return new AuthenticationService(users, new BoundedPasswordEncoder(passwordEncoder,
				hashing.maxConcurrentOrProcessors(), hashing.getMaxWait(), hashing.getRetryAfter()), tokens);
	}

	@Bean
	@ConditionalOnMissingBean
	UserDetailsService userAccountUserDetailsService(UserAccountService users) {
		return (username) -> users.findByUsername(username)
			.map((user) -> User.withUsername(user.subject())
				.password(user.passwordHash())
				.roles(user.roles().toArray(String[]::new))
				.disabled(!user.enabled())
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	@Bean
	@ConditionalOnMissingBean
	TokenUserValidator userAccountTokenUserValidator(UserAccountService users) {
		return new UserAccountTokenUserValidator(users);
	}

	/**
	 * The user check over the application's user store: the account must exist and be
	 * enabled, and a token must be issued after the account's
	 * {@link UserAccount#authorityChangedAt()}.
	 */
	static final class UserAccountTokenUserValidator implements TokenUserValidator {

		private final UserAccountService users;

		UserAccountTokenUserValidator(UserAccountService users) {
			this.users = users;
		}

		@Override
		public boolean isActive(String subject) {
			return standing(subject).active();
		}

		@Override
		public UserStanding standing(String subject) {
			return this.users.findBySubject(subject)
				.map((user) -> new UserStanding(user.enabled(), user.authorityChangedAt()))
				.orElse(UserStanding.INACTIVE);
		}

	}

}
