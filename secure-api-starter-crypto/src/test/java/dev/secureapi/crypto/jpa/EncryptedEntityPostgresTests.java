package dev.secureapi.crypto.jpa;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

/**
 * {@code @Encrypted} attributes on a real PostgreSQL database, schema by Flyway from the
 * starter's key-table migration.
 */
@RequiresServices(RequiresServices.Service.POSTGRES)
@SpringBootTest(classes = CustomerApplication.class)
class EncryptedEntityPostgresTests extends AbstractEncryptedEntityTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestServices.PostgresServer postgres = TestServices.postgres();
		String url = postgres.createDatabase();
		registry.add("spring.datasource.url", () -> url);
		if (postgres.username() != null) {
			registry.add("spring.datasource.username", postgres::username);
		}
		if (postgres.password() != null) {
			registry.add("spring.datasource.password", postgres::password);
		}
		for (String property : PROPERTIES) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
	}

}
