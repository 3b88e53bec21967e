package dev.secureapi.security.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.secureapi.security.jwt.TokenUserValidator;

/**
 * A small API protected by the starter's defaults.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ApiTestApplication.Endpoints.class)
class ApiTestApplication {

	static final Set<String> DELETED_USERS = ConcurrentHashMap.newKeySet();

	@Bean
	io.micrometer.core.instrument.simple.SimpleMeterRegistry meterRegistry() {
		return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
	}

	@Bean
	TokenUserValidator tokenUserValidator() {
		return (subject) -> !DELETED_USERS.contains(subject);
	}

	@RestController
	static class Endpoints {

		@GetMapping("/me")
		Map<String, Object> me(Authentication authentication) {
			return Map.of("name", authentication.getName(), "authorities",
					authentication.getAuthorities().stream().map(Object::toString).sorted().toList());
		}

		@GetMapping("/public/ping")
		String ping() {
			return "pong";
		}

		@GetMapping("/admin")
		@PreAuthorize("hasRole('ADMIN')")
		String admin() {
			return "admin";
		}

		@GetMapping("/user")
		@PreAuthorize("hasRole('USER')")
		String user() {
			return "user";
		}

	}

}
