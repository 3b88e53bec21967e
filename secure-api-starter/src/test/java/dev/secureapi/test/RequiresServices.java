package dev.secureapi.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs real PostgreSQL and/or Redis servers. Before the class
 * runs, each service is taken from its environment variable
 * ({@code SECURE_API_TEST_POSTGRES_URL}, {@code SECURE_API_TEST_REDIS_URL}), else from
 * Testcontainers when a Docker daemon answers; otherwise the class is skipped with a
 * message naming the missing service, or fails when
 * {@code -Dsecure-api.test.require-services=true}.
 *
 * <p>
 * Tests then read the resolved servers from {@link TestServices}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestServicesExtension.class)
public @interface RequiresServices {

	/**
	 * The services the annotated class needs.
	 * @return the needed services
	 */
	Service[] value();

	/**
	 * A service a test can require.
	 */
	enum Service {

		/** A PostgreSQL server. */
		POSTGRES,

		/** A Redis server. */
		REDIS

	}

}
