package dev.secureapi.example.auth;

import java.time.Clock;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.secureapi.security.jwt.JdbcRefreshTokenStore;
import dev.secureapi.security.web.SecureApi;

/**
 * The application's access rules, on top of the starter's API security (stateless bearer
 * JWT, problem+json 401/403): registration and the token endpoints are open, health is
 * open, every other actuator endpoint (prometheus) needs ADMIN, and everything else needs
 * a token; finer rules sit on the controllers as {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http,
			@Value("${springdoc.swagger-ui.enabled:false}") boolean swaggerUi) throws Exception {
		http.with(SecureApi.configurer(), Customizer.withDefaults()).authorizeHttpRequests((requests) -> {
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			requests.requestMatchers(HttpMethod.POST, "/api/v1/users", "/api/v1/token", "/api/v1/token/revoke")
				.permitAll();
			requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
			requests.requestMatchers("/actuator/**").hasRole("ADMIN");
			if (swaggerUi) {
				requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
					.permitAll();
			}
			requests.anyRequest().authenticated();
		});
		return http.build();
	}

	/**
	 * Refresh tokens live in the application's database (the starter's schema, migrated
	 * by Flyway from {@code classpath:db/secure-api}), so every instance sees the same
	 * families; reuse is audited.
	 * @param jdbc the application's database
	 * @param events where the audit events go
	 * @return the store
	 */
	@Bean
	AuditingRefreshTokenStore refreshTokenStore(JdbcTemplate jdbc, ApplicationEventPublisher events) {
		return new AuditingRefreshTokenStore(new JdbcRefreshTokenStore(jdbc, Clock.systemUTC()), events);
	}

}
