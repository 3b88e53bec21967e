package ${package}.security;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.secureapi.security.web.SecureApi;

/**
 * The service's access rules on top of the starter's API security (stateless bearer JWT, problem+json 401 and
 * 403, no sessions): health is open, every other request needs a valid access token. Finer rules belong on the
 * controllers as {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http) throws Exception {
		http.with(SecureApi.configurer(), Customizer.withDefaults()).authorizeHttpRequests((requests) -> {
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
			requests.anyRequest().authenticated();
		});
		return http.build();
	}

}
