package dev.secureapi.security.authentication;

import dev.secureapi.security.jwt.JwtAutoConfiguration;
import dev.secureapi.security.jwt.TokenService;
import dev.secureapi.security.jwt.TokenUserValidator;
import dev.secureapi.security.password.PasswordEncoderAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Auto-configuration for the {@link AuthenticationService} and for rejecting tokens of disabled or deleted users,
 * both over the application's {@link UserAccountService} bean, which is also exposed as a
 * {@link UserDetailsService} (so Spring Boot does not create its generated-password user).
 */
@AutoConfiguration(after = { JwtAutoConfiguration.class, PasswordEncoderAutoConfiguration.class },
		before = UserDetailsServiceAutoConfiguration.class)
@ConditionalOnBean(UserAccountService.class)
public final class AuthenticationServiceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ TokenService.class, PasswordEncoder.class })
	static AuthenticationService authenticationService(UserAccountService users, PasswordEncoder passwordEncoder,
			TokenService tokens) {
		return new AuthenticationService(users, passwordEncoder, tokens);
	}

	@Bean
	@ConditionalOnMissingBean
	static UserDetailsService userAccountUserDetailsService(UserAccountService users) {
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
	static TokenUserValidator userAccountTokenUserValidator(UserAccountService users) {
		return (subject) -> users.findBySubject(subject).map(UserAccount::enabled).orElse(false);
	}

}
