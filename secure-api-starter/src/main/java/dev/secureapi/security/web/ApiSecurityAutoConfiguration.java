package dev.secureapi.security.web;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.secureapi.security.jwt.AccessTokenVerifier;
import dev.secureapi.security.jwt.JwtAutoConfiguration;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Auto-configuration for API security: a default stateless bearer-JWT
 * {@link SecurityFilterChain} when the application defines none, problem+json 401/403,
 * method security and the role hierarchy.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		before = { SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				UserDetailsServiceAutoConfiguration.class },
		after = { JwtAutoConfiguration.class, ProblemDetailsAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnBooleanProperty(name = "secure-api.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ApiSecurityProperties.class)
public final class ApiSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemAuthenticationHandler problemAuthenticationHandler(ProblemResponseWriter writer) {
		return new ProblemAuthenticationHandler(writer);
	}

	@Bean
	@ConditionalOnMissingBean
	static RoleHierarchy roleHierarchy(ApiSecurityProperties properties) {
		return roleHierarchy(properties.getRoleHierarchy());
	}

	static RoleHierarchy roleHierarchy(List<String> relations) {
		RoleHierarchyImpl.Builder builder = RoleHierarchyImpl.withDefaultRolePrefix();
		for (String relation : relations) {
			String[] roles = relation.split(">");
			for (int i = 0; i + 1 < roles.length; i++) {
				String higher = roles[i].strip();
				String lower = roles[i + 1].strip();
				if (StringUtils.hasText(higher) && StringUtils.hasText(lower)) {
					builder.role(higher).implies(lower);
				}
			}
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(HttpFirewall.class)
	static StrictHttpFirewall strictHttpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::isAllowedName);
		firewall.setAllowedHeaderValues(HeaderCharacters::isAllowedValue);
		firewall.setAllowedParameterNames(HeaderCharacters::isAllowedName);
		return firewall;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(AuthenticationOutcomeListener.class)
		MeterAuthenticationOutcomeListener meterAuthenticationOutcomeListener(ObjectProvider<MeterRegistry> registry) {
			return new MeterAuthenticationOutcomeListener(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class MethodSecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean({ MethodSecurityExpressionHandler.class, AuthorizationManagerFactory.class })
		static MethodSecurityExpressionHandler methodSecurityExpressionHandler(
				ObjectProvider<RoleHierarchy> roleHierarchy,
				ObjectProvider<GrantedAuthorityDefaults> grantedAuthorityDefaults) {
			UncontendedMethodSecurityExpressionHandler handler = new UncontendedMethodSecurityExpressionHandler();
			roleHierarchy.ifAvailable(handler::setRoleHierarchy);
			grantedAuthorityDefaults.ifAvailable((defaults) -> handler.setDefaultRolePrefix(defaults.getRolePrefix()));
			return handler;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	@ConditionalOnBean(AccessTokenVerifier.class)
	static class DefaultSecurityFilterChainConfiguration {

		private static final String ACTUATOR_PATHS = "org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints";

		@Bean
		SecurityFilterChain secureApiSecurityFilterChain(HttpSecurity http, ApiSecurityProperties properties)
				throws Exception {
			String[] publicPaths = properties.getPublicPaths().toArray(String[]::new);
			http.with(SecureApi.configurer(), Customizer.withDefaults()).authorizeHttpRequests((requests) -> {
				requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
				if (ClassUtils.isPresent(ACTUATOR_PATHS, getClass().getClassLoader())) {
					// ahead of the public paths, so no pattern there can open it
					requests.requestMatchers(AdminEndpoints.matcher()).hasRole("ADMIN");
				}
				if (publicPaths.length > 0) {
					requests.requestMatchers(publicPaths).permitAll();
				}
				requests.anyRequest().authenticated();
			});
			return http.build();
		}

	}

	/**
	 * Actuator endpoints that change the running application's keys, in the default chain
	 * open to ADMIN only (kept in its own class so that actuator classes are loaded only
	 * when actuator is present).
	 */
	static final class AdminEndpoints {

		/**
		 * The field-encryption endpoint of secure-api-starter-crypto: rotate, re-encrypt,
		 * retire keys.
		 */
		static final String CRYPTO = "crypto";

		private AdminEndpoints() {
		}

		static RequestMatcher matcher() {
			return EndpointRequest.to(CRYPTO);
		}

	}

}
