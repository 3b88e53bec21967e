package dev.secureapi.security.web;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.secureapi.security.jwt.VerifiedToken;

/**
 * An authentication from a verified access token. Its name is the token's {@code sub};
 * its authorities are the token's roles as {@code ROLE_<name>}; its principal is the
 * {@link VerifiedToken}.
 *
 * @since 0.1.0
 */
public class JwtAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final VerifiedToken token;

	/**
	 * Creates an authenticated token.
	 * @param token the verified access token
	 */
	public JwtAuthentication(VerifiedToken token) {
		super(authorities(token.roles()));
		this.token = token;
		setAuthenticated(true);
	}

	private static Collection<GrantedAuthority> authorities(List<String> roles) {
		return roles.stream().<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}

	@Override
	public String getName() {
		return this.token.subject();
	}

	@Override
	public VerifiedToken getPrincipal() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

}
