package dev.secureapi.security.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration properties for the default security filter chain and role-based access.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("secure-api.security")
@Validated
public class ApiSecurityProperties {

	/**
	 * Whether the kit configures Spring Security: the default filter chain (when the
	 * application defines none), bearer-token authentication, problem+json 401/403 and
	 * method security.
	 */
	private boolean enabled = true;

	/**
	 * Path patterns that need no token. Setting the property replaces the default list.
	 */
	private List<String> publicPaths = new ArrayList<>(List.of("/actuator/health/**"));

	/**
	 * Role hierarchy, one relation per entry, role names without "ROLE_" (for example
	 * "ADMIN > USER").
	 */
	private List<String> roleHierarchy = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getPublicPaths() {
		return this.publicPaths;
	}

	public void setPublicPaths(List<String> publicPaths) {
		this.publicPaths = publicPaths;
	}

	public List<String> getRoleHierarchy() {
		return this.roleHierarchy;
	}

	public void setRoleHierarchy(List<String> roleHierarchy) {
		this.roleHierarchy = roleHierarchy;
	}

}
