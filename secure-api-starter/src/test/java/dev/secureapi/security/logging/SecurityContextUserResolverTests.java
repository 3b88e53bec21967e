package dev.secureapi.security.logging;

import java.util.List;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityContextUserResolverTests {

	private final SecurityContextUserResolver resolver = new SecurityContextUserResolver();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void captureFilterRecordsTheUserWhileTheSecurityContextIsInPlace() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users/me");
		new SecurityContextUserCaptureFilter().doFilter(request, new MockHttpServletResponse(),
				chainAuthenticating(authenticated("42")));
		SecurityContextHolder.clearContext();
		assertThat(this.resolver.resolve(request)).isEqualTo("42");
	}

	@Test
	void userOfARequestRefusedAfterAuthenticationComesFromTheSavedSecurityContext() {
		MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/v1/users/7");
		new RequestAttributeSecurityContextRepository().saveContext(new SecurityContextImpl(authenticated("43")),
				request, new MockHttpServletResponse());
		assertThat(this.resolver.resolve(request)).isEqualTo("43");
	}

	@Test
	void anonymousAuthenticationIsNoUser() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
		new SecurityContextUserCaptureFilter().doFilter(request, new MockHttpServletResponse(),
				chainAuthenticating(new AnonymousAuthenticationToken("key", "anonymousUser",
						AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))));
		assertThat(this.resolver.resolve(request)).isNull();
	}

	@Test
	void unauthenticatedRequestHasNoUser() {
		assertThat(this.resolver.resolve(new MockHttpServletRequest("GET", "/api/v1/users/me"))).isNull();
	}

	/**
	 * A chain standing in for Spring Security's authentication and the application: it
	 * leaves the given authentication in the security context.
	 */
	private static MockFilterChain chainAuthenticating(Authentication authentication) {
		return new MockFilterChain() {
			@Override
			public void doFilter(ServletRequest request, ServletResponse response) {
				SecurityContextHolder.getContext().setAuthentication(authentication);
			}
		};
	}

	private static UsernamePasswordAuthenticationToken authenticated(String name) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null,
				AuthorityUtils.createAuthorityList(List.of("ROLE_USER")));
	}

}
