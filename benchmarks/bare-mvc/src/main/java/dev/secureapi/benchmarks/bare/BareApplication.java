package dev.secureapi.benchmarks.bare;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot MVC with no security at all, answering the profile request with a fixed
 * body: the ceiling the other apps are compared with.
 */
@SpringBootApplication
@RestController
public class BareApplication {

	private static final Map<String, Object> PROFILE = Map.of("subject", "bench", "roles", new String[] { "USER" });

	public static void main(String[] args) {
		SpringApplication.run(BareApplication.class, args);
	}

	@GetMapping("/users/me")
	Map<String, Object> me() {
		return PROFILE;
	}

}
