package dev.secureapi.security.web;

import java.lang.reflect.Field;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.secureapi.security.jwt.JwtAutoConfiguration;
import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @PreAuthorize} through the starter's method expression handler: the same
 * decisions as Spring Security's own handler, without waiting for commons-logging's
 * global factory lock on every evaluation.
 */
class MethodSecurityExpressionHandlerTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class,
				JwtAutoConfiguration.class, ApiSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class))
		.withPropertyValues("secure-api.jwt.secret=" + TestKeys.SECRET,
				"secure-api.security.role-hierarchy=ADMIN > USER")
		.withUserConfiguration(GuardedConfiguration.class);

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void aPreAuthorizeCheckDoesNotWaitForCommonsLoggingsFactoryLock() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MethodSecurityExpressionHandler.class);
			assertThat(context.getBean(MethodSecurityExpressionHandler.class))
				.isInstanceOf(UncontendedMethodSecurityExpressionHandler.class);
			Guarded guarded = context.getBean(Guarded.class);
			synchronized (commonsLoggingFactories()) {
				Future<String> answer = this.executor.submit(() -> asUser("USER", guarded::forUsers));
				assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("users");
			}
		});
	}

	@Test
	void springSecuritysOwnHandlerWaitsForThatLockOnEveryCheck() {
		this.runner.withUserConfiguration(OwnHandlerConfiguration.class).run((context) -> {
			assertThat(context.getBean(MethodSecurityExpressionHandler.class))
				.isExactlyInstanceOf(DefaultMethodSecurityExpressionHandler.class);
			Guarded guarded = context.getBean(Guarded.class);
			assertThat(asUser("USER", guarded::forUsers)).isEqualTo("users");
			AtomicReference<Thread> caller = new AtomicReference<>();
			Future<String> answer;
			synchronized (commonsLoggingFactories()) {
				answer = this.executor.submit(() -> {
					caller.set(Thread.currentThread());
					return asUser("USER", guarded::forUsers);
				});
				assertThat(awaitBlocked(caller)).isEqualTo(Thread.State.BLOCKED);
			}
			assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("users");
		});
	}

	@Test
	void anAuthorizationManagerFactoryOfTheApplicationLeavesSpringSecuritysHandlerInPlace() {
		this.runner
			.withBean("ownAuthorizationManagerFactory", AuthorizationManagerFactory.class,
					DefaultAuthorizationManagerFactory::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(MethodSecurityExpressionHandler.class);
				assertThat(asUser("USER", context.getBean(Guarded.class)::forUsers)).isEqualTo("users");
			});
	}

	@Test
	void rolesTheRoleHierarchyAndBeanReferencesDecideAsBefore() {
		this.runner.run((context) -> {
			Guarded guarded = context.getBean(Guarded.class);
			assertThat(asUser("USER", guarded::forUsers)).isEqualTo("users");
			assertThat(asUser("ADMIN", guarded::forUsers)).isEqualTo("users");
			assertThat(asUser("ADMIN", guarded::forAdmins)).isEqualTo("admins");
			assertThatExceptionOfType(AuthorizationDeniedException.class)
				.isThrownBy(() -> asUser("USER", guarded::forAdmins));
			assertThat(asUser("USER", () -> guarded.ownedBy("user"))).isEqualTo("user");
			assertThatExceptionOfType(AuthorizationDeniedException.class)
				.isThrownBy(() -> asUser("USER", () -> guarded.ownedBy("someone-else")));
			assertThat(asUser("USER", guarded::openedByBean)).isEqualTo("bean");
			assertThatExceptionOfType(AuthorizationDeniedException.class)
				.isThrownBy(() -> asUser("ADMIN", guarded::openedByBean));
		});
	}

	@Test
	void theCallersContextClassLoaderIsRestoredAfterEveryCheck() {
		this.runner.run((context) -> {
			Guarded guarded = context.getBean(Guarded.class);
			ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
			assertThat(classLoader).isNotNull();
			asUser("USER", guarded::forUsers);
			assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(classLoader);
			assertThatExceptionOfType(AuthorizationDeniedException.class)
				.isThrownBy(() -> asUser("USER", guarded::forAdmins));
			assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(classLoader);
		});
	}

	@Test
	void aGrantedAuthorityDefaultsBeanSetsTheRolePrefix() {
		this.runner.withUserConfiguration(RolePrefixConfiguration.class).run((context) -> {
			Guarded guarded = context.getBean(Guarded.class);
			assertThat(asAuthority("GROUP_USER", guarded::forUsers)).isEqualTo("users");
			assertThatExceptionOfType(AuthorizationDeniedException.class)
				.isThrownBy(() -> asAuthority("ROLE_USER", guarded::forUsers));
		});
	}

	private static String asUser(String role, Supplier<String> call) {
		return asAuthority("ROLE_" + role, call);
	}

	private static String asAuthority(String authority, Supplier<String> call) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("user", "n/a", List.of(() -> authority)));
		try {
			return call.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static Thread.State awaitBlocked(AtomicReference<Thread> caller) throws InterruptedException {
		for (int i = 0; i < 3000; i++) {
			Thread thread = caller.get();
			if (thread != null && thread.getState() == Thread.State.BLOCKED) {
				return Thread.State.BLOCKED;
			}
			Thread.sleep(10);
		}
		Thread thread = caller.get();
		return (thread != null) ? thread.getState() : Thread.State.NEW;
	}

	private static Hashtable<?, ?> commonsLoggingFactories() throws ReflectiveOperationException {
		Field factories = LogFactory.class.getDeclaredField("factories");
		factories.setAccessible(true);
		return (Hashtable<?, ?>) factories.get(null);
	}

	static class Guarded {

		@PreAuthorize("hasRole('USER')")
		String forUsers() {
			return "users";
		}

		@PreAuthorize("hasRole('ADMIN')")
		String forAdmins() {
			return "admins";
		}

		@PreAuthorize("#owner == authentication.name")
		String ownedBy(String owner) {
			return owner;
		}

		@PreAuthorize("@openings.isOpen(authentication)")
		String openedByBean() {
			return "bean";
		}

	}

	/**
	 * A bean an expression refers to; public, as SpEL calls only public methods.
	 */
	public static class Openings {

		/**
		 * Whether the caller holds the user role.
		 * @param authentication the caller
		 * @return whether the caller holds the user role
		 */
		public boolean isOpen(Authentication authentication) {
			return authentication.getAuthorities()
				.stream()
				.anyMatch((authority) -> "ROLE_USER".equals(authority.getAuthority()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GuardedConfiguration {

		@Bean
		Guarded guarded() {
			return new Guarded();
		}

		@Bean
		Openings openings() {
			return new Openings();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnHandlerConfiguration {

		@Bean
		static MethodSecurityExpressionHandler ownMethodSecurityExpressionHandler() {
			return new DefaultMethodSecurityExpressionHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RolePrefixConfiguration {

		@Bean
		static GrantedAuthorityDefaults grantedAuthorityDefaults() {
			return new GrantedAuthorityDefaults("GROUP_");
		}

	}

}
