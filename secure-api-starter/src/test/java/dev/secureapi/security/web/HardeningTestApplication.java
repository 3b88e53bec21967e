package dev.secureapi.security.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import dev.secureapi.security.SecureApiFilterOrders;
import dev.secureapi.security.proxy.ClientIpResolver;

/**
 * A small API behind the starter, with a Spring Security chain that leaves Spring
 * Security's own header writer on.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HardeningTestApplication.TestController.class)
public class HardeningTestApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http.csrf((csrf) -> csrf.disable())
			.cors(Customizer.withDefaults())
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/admin/**").denyAll().anyRequest().permitAll())
			.build();
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	/** Reads the whole body outside Spring MVC, as a signature-checking filter would. */
	@Bean
	FilterRegistrationBean<Filter> bodyReadingFilter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			byte[] body = request.getInputStream().readAllBytes();
			response.setContentType("application/json");
			response.getWriter().write("{\"bytes\":" + body.length + "}");
		});
		registration.addUrlPatterns("/filter-read");
		registration.setOrder(SecureApiFilterOrders.SPRING_SECURITY - 5);
		return registration;
	}

	@RestController
	static class TestController {

		private final ClientIpResolver clientIpResolver;

		TestController(ClientIpResolver clientIpResolver) {
			this.clientIpResolver = clientIpResolver;
		}

		@GetMapping("/hello")
		Map<String, String> hello() {
			return Map.of("message", "hello");
		}

		@GetMapping("/swagger-ui/index.html")
		String swaggerUi() {
			return "ui";
		}

		@PostMapping("/echo")
		Payload echo(@RequestBody Payload payload) {
			return payload;
		}

		@PostMapping("/json")
		Map<String, Object> json(@RequestBody JsonNode node) {
			return Map.of("type", node.getNodeType().name());
		}

		@PostMapping("/raw")
		Map<String, Object> raw(HttpServletRequest request) throws IOException {
			try (InputStream body = request.getInputStream()) {
				return Map.of("bytes", body.readAllBytes().length);
			}
		}

		@GetMapping("/count")
		Map<String, Object> count(@RequestParam int count) {
			return Map.of("count", count);
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("password=hunter2 at jdbc:postgresql://db/secret");
		}

		@GetMapping("/client-ip")
		Map<String, Object> clientIp(HttpServletRequest request) {
			return Map.of("ip", this.clientIpResolver.resolve(request), "remote_addr", request.getRemoteAddr(),
					"secure", this.clientIpResolver.isSecure(request));
		}

	}

	record Payload(String name, int count) {
	}

}
