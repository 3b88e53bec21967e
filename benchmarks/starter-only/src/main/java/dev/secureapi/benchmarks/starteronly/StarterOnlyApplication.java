package dev.secureapi.benchmarks.starteronly;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.secureapi.security.jwt.TokenService;
import dev.secureapi.security.web.JwtAuthentication;

/**
 * A plain Spring Boot app with {@code secure-api-starter} only: security headers, request
 * id, JWT, body limit, masked JSON access log, metrics, all at their defaults.
 * {@code POST /token} (public here, for the benchmark script only) issues an access token
 * for the user "bench"; the resource-server app accepts the same token.
 */
@SpringBootApplication
@RestController
public class StarterOnlyApplication {

	private final TokenService tokens;

	StarterOnlyApplication(TokenService tokens) {
		this.tokens = tokens;
	}

	public static void main(String[] args) {
		SpringApplication.run(StarterOnlyApplication.class, args);
	}

	@PostMapping("/token")
	Map<String, Object> token() {
		return Map.of("access_token", this.tokens.issueAccessToken("bench", List.of("USER")).value());
	}

	@GetMapping("/users/me")
	Map<String, Object> me(JwtAuthentication authentication) {
		return Map.of("subject", authentication.getName(), "roles",
				authentication.getAuthorities().stream().map(Object::toString).toList());
	}

}
