package dev.secureapi.security.authentication;

import dev.secureapi.security.jwt.JwtAutoConfiguration;
import dev.secureapi.security.jwt.TokenService;
import dev.secureapi.security.jwt.TokenUserValidator;
import dev.secureapi.security.password.PasswordEncoderAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Auto-configuration for the {@link AuthenticationService} and for rejecting tokens of disabled or deleted users,
 * both over the application's {@link UserAccountService} bean.
 */
@AutoConfiguration(after = { JwtAutoConfiguration.class, PasswordEncoderAutoConfiguration.class })
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
	static TokenUserValidator userAccountTokenUserValidator(UserAccountService users) {
		return (subject) -> users.findBySubject(subject).map(UserAccount::enabled).orElse(false);
	}

}
