package dev.secureapi.security.web;

/**
 * Entry point for applications that write their own {@code SecurityFilterChain} and want
 * the kit's API security in it:
 * {@code http.with(SecureApi.configurer(), Customizer.withDefaults())}.
 *
 * @since 0.1.0
 */
public final class SecureApi {

	private SecureApi() {
	}

	/**
	 * The configurer to apply with {@code HttpSecurity.with(...)}: stateless, CSRF off,
	 * CORS on, Spring Security's header writing off, bearer JWT authentication and
	 * problem+json 401/403. It needs the kit's {@code AccessTokenVerifier} bean (present
	 * whenever {@code secure-api.jwt.enabled} is not false).
	 * @return a new configurer
	 */
	public static SecureApiConfigurer configurer() {
		return new SecureApiConfigurer();
	}

}
