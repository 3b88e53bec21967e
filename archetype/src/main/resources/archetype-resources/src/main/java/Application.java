package ${package};

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * The service. Security (headers, bearer tokens, body limits, problem+json errors, masked logs), rate limits and
 * field encryption come from the secure-api starters; this application adds only its own resources. Callers
 * authenticate with bearer tokens only, so Boot's in-memory user (and its generated password in the log) is
 * excluded.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
public class Application {

	/**
	 * Starts the service.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}

}
