package dev.secureapi.ratelimit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A small application served on a random port, for the tests that go over real HTTP.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class RateLimitTestApplication {

	static final String PASSWORD = "correct horse battery staple";

	static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(RateLimitTestApplication.class).properties("server.port=0")
			.properties("spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.csrf((csrf) -> csrf.disable())
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/api/me").authenticated().anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	/**
	 * Users hashed by the starter's password encoder, as an application's user store
	 * would be.
	 */
	@Bean
	InMemoryUserDetailsManager users(PasswordEncoder passwordEncoder) {
		String hash = passwordEncoder.encode(PASSWORD);
		return new InMemoryUserDetailsManager(User.withUsername("alice").password(hash).roles("USER").build(),
				User.withUsername("bob").password(hash).roles("USER").build());
	}

	@RestController
	static class TestController {

		private final org.springframework.beans.factory.ObjectProvider<LoginAttemptGuard> guard;

		TestController(org.springframework.beans.factory.ObjectProvider<LoginAttemptGuard> guard) {
			this.guard = guard;
		}

		@GetMapping({ "/api/items", "/api/other", "/open" })
		Map<String, String> items() {
			return Map.of("ok", "yes");
		}

		@GetMapping("/api/me")
		Map<String, String> me(java.security.Principal principal) {
			return Map.of("name", principal.getName());
		}

		@GetMapping("/reports")
		@RateLimited("reports")
		Map<String, String> reports() {
			return Map.of("ok", "yes");
		}

		/** A login endpoint written the way the guard's javadoc tells applications to. */
		@PostMapping("/login")
		Map<String, String> login(@RequestParam String username, @RequestParam String password,
				HttpServletRequest request) {
			LoginAttemptGuard guard = this.guard.getObject();
			guard.check(username, request).throwIfRefused();
			boolean known = "alice".equals(username) || "bob".equals(username);
			if (!known || !PASSWORD.equals(password)) {
				guard.recordFailure(username, request);
				throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "invalid_grant");
			}
			guard.recordSuccess(username, request);
			return Map.of("access_token", "t");
		}

	}

	/**
	 * A minimal HTTP client for the tests.
	 */
	static final class Client {

		private static final HttpClient HTTP = HttpClient.newBuilder().build();

		private final int port;

		Client(ConfigurableApplicationContext context) {
			this.port = port(context);
		}

		HttpResponse<String> get(String path, String... headers) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).GET();
			if (headers.length > 0) {
				builder.headers(headers);
			}
			return send(builder.build());
		}

		HttpResponse<String> getAs(String user, String path) {
			String credentials = Base64.getEncoder()
				.encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
			return get(path, "Authorization", "Basic " + credentials);
		}

		HttpResponse<String> login(String username, String password, String... headers) {
			String form = "username=" + java.net.URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
					+ java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
			HttpRequest.Builder builder = HttpRequest.newBuilder(uri("/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form));
			if (headers.length > 0) {
				builder.headers(headers);
			}
			return send(builder.build());
		}

		java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String path) {
			return HTTP.sendAsync(HttpRequest.newBuilder(uri(path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.port + path);
		}

		private static HttpResponse<String> send(HttpRequest request) {
			try {
				return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	static double counted(ConfigurableApplicationContext context, String policy, String outcome) {
		var counter = context.getBean(MeterRegistry.class)
			.find(MicrometerRateLimitRecorder.METER_NAME)
			.tag("policy", policy)
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
