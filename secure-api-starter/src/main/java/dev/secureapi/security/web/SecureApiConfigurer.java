package dev.secureapi.security.web;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.cors.CorsConfigurationSource;

import dev.secureapi.security.jwt.AccessTokenVerifier;
import dev.secureapi.security.problem.ProblemResponseWriter;

/**
 * Applies the kit's API security to an {@link HttpSecurity}: stateless sessions, no CSRF
 * protection (bearer tokens are not sent automatically by browsers), CORS from the
 * application's {@code CorsConfigurationSource}, no response headers from Spring Security
 * (the kit's headers filter owns them), bearer JWT authentication, and problem+json
 * 401/403 answers with RFC 6750 challenges. CORS is applied when the application has a
 * {@code CorsConfigurationSource} bean or Spring MVC. Authorization rules stay the
 * application's.
 *
 * <pre class="code">
 * &#064;Bean
 * SecurityFilterChain api(HttpSecurity http) throws Exception {
 *     http.with(SecureApi.configurer(), Customizer.withDefaults())
 *         .authorizeHttpRequests((requests) -&gt; requests.requestMatchers("/public/**").permitAll()
 *             .anyRequest().authenticated());
 *     return http.build();
 * }
 * </pre>
 *
 * @since 0.1.0
 * @see SecureApi#configurer()
 */
public final class SecureApiConfigurer extends AbstractHttpConfigurer<SecureApiConfigurer, HttpSecurity> {

	private ProblemAuthenticationHandler handler;

	SecureApiConfigurer() {
	}

	/**
	 * Applies the settings as soon as the configurer is added with
	 * {@code http.with(...)}: Spring Security's own configurers read the session policy
	 * when they are initialised, which may be before this one is.
	 * @param http the builder
	 */
	@Override
	public void setBuilder(HttpSecurity http) {
		super.setBuilder(http);
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		this.handler = context.getBeanProvider(ProblemAuthenticationHandler.class)
			.getIfAvailable(() -> new ProblemAuthenticationHandler(context.getBean(ProblemResponseWriter.class)));
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers((headers) -> headers.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this.handler)
				.accessDeniedHandler(this.handler));
		if (hasCorsConfiguration(context)) {
			http.cors(Customizer.withDefaults());
		}
	}

	private static boolean hasCorsConfiguration(ApplicationContext context) {
		// what Spring Security's CorsConfigurer looks for: without either it would fail
		// the chain
		return context.getBeanNamesForType(CorsConfigurationSource.class).length > 0
				|| context.containsBean("mvcHandlerMappingIntrospector");
	}

	@Override
	public void configure(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		AccessTokenVerifier verifier = context.getBean(AccessTokenVerifier.class);
		AuthenticationOutcomeListener listener = context.getBeanProvider(AuthenticationOutcomeListener.class)
			.getIfAvailable(() -> AuthenticationOutcomeListener.NONE);
		http.addFilterBefore(new BearerTokenAuthenticationFilter(verifier, this.handler,
				getSecurityContextHolderStrategy(), listener), BasicAuthenticationFilter.class);
	}

}
