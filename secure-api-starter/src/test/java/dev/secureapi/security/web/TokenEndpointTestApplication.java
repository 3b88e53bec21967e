package dev.secureapi.security.web;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.secureapi.security.authentication.AuthenticationService;
import dev.secureapi.security.authentication.InvalidGrantException;
import dev.secureapi.security.authentication.UserAccount;
import dev.secureapi.security.authentication.UserAccountService;
import dev.secureapi.security.jwt.TokenPair;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * A first-party token endpoint built on the starter's {@link AuthenticationService}, the
 * way the example app uses it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TokenEndpointTestApplication.TokenEndpoint.class)
class TokenEndpointTestApplication {

	@Bean
	UserAccountService users(PasswordEncoder encoder) {
		UserAccount alice = new UserAccount("1", "alice", encoder.encode("alice-password"), Set.of("USER"), true);
		return new UserAccountService() {
			@Override
			public Optional<UserAccount> findByUsername(String username) {
				return Optional.of(alice).filter((user) -> user.username().equals(username));
			}

			@Override
			public Optional<UserAccount> findBySubject(String subject) {
				return Optional.of(alice).filter((user) -> user.subject().equals(subject));
			}
		};
	}

	@RestController
	static class TokenEndpoint {

		private final AuthenticationService authentication;

		private final ProblemResponseWriter problems;

		TokenEndpoint(AuthenticationService authentication, ProblemResponseWriter problems) {
			this.authentication = authentication;
			this.problems = problems;
		}

		@PostMapping("/token")
		Map<String, Object> token(@RequestParam("grant_type") String grantType,
				@RequestParam(name = "username", required = false) String username,
				@RequestParam(name = "password", required = false) String password,
				@RequestParam(name = "refresh_token", required = false) String refreshToken) {
			TokenPair pair = "refresh_token".equals(grantType) ? this.authentication.refresh(refreshToken)
					: this.authentication.login(username, password);
			return Map.of("access_token", pair.accessToken().value(), "token_type", TokenPair.TOKEN_TYPE, "expires_in",
					pair.accessToken().expiresIn(), "refresh_token", pair.refreshToken());
		}

		@GetMapping("/me")
		String me(java.security.Principal principal) {
			return principal.getName();
		}

		@ExceptionHandler(InvalidGrantException.class)
		void invalidGrant(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
			ProblemDetail problem = this.problems.create(request, HttpStatus.UNAUTHORIZED, "The grant is invalid.");
			problem.setProperty("error", "invalid_grant");
			this.problems.write(request, response, problem);
		}

	}

}
