package dev.secureapi.security.web;

import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInvocation;
import org.springframework.expression.EvaluationContext;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionOperations;
import org.springframework.security.core.Authentication;

/**
 * Spring Security's method expression handler, building the root object of each
 * {@code @PreAuthorize}/{@code @PostAuthorize} evaluation without taking
 * commons-logging's global lock.
 * <p>
 * Every root object creates a {@code DenyAllPermissionEvaluator}, whose constructor calls
 * {@code LogFactory.getLog}; commons-logging 1.3 (Spring Framework 7's logging API) looks
 * the factory up per call in a synchronized table keyed by the thread's context class
 * loader. With request threads outnumbering the cores, a thread preempted inside that
 * lock lines every other request up behind it, and the JVM spins on the monitor (a JFR
 * recording of the example app under load showed hundreds of waits of over 10 ms on it).
 * With no context class loader commons-logging answers from a field without locking, so
 * the root object is built with the context class loader cleared and restored at once.
 * Expressions, the role hierarchy, the role prefix and bean references behave exactly as
 * with Spring Security's own handler.
 *
 * @see ApiSecurityAutoConfiguration
 */
final class UncontendedMethodSecurityExpressionHandler extends DefaultMethodSecurityExpressionHandler {

	@Override
	public EvaluationContext createEvaluationContext(Supplier<? extends Authentication> authentication,
			MethodInvocation invocation) {
		return withoutContextClassLoader(() -> super.createEvaluationContext(authentication, invocation));
	}

	@Override
	protected MethodSecurityExpressionOperations createSecurityExpressionRoot(Authentication authentication,
			MethodInvocation invocation) {
		return withoutContextClassLoader(() -> super.createSecurityExpressionRoot(authentication, invocation));
	}

	private static <T> T withoutContextClassLoader(Supplier<T> action) {
		Thread thread = Thread.currentThread();
		ClassLoader classLoader = thread.getContextClassLoader();
		if (classLoader == null) {
			return action.get();
		}
		thread.setContextClassLoader(null);
		try {
			return action.get();
		}
		finally {
			thread.setContextClassLoader(classLoader);
		}
	}

}
