package dev.secureapi.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * The example user API. Everything security-related comes from the secure-api starters;
 * this application only adds its own domain: users, tokens, cache, audit and the admin
 * bootstrap. Users log in through the token endpoint only, so Boot's in-memory user (and
 * its generated password in the log) is excluded.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ExampleApplication {

	/**
	 * Starts the application.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(ExampleApplication.class, args);
	}

}
