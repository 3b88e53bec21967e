package dev.secureapi.crypto.jpa;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code @Encrypted} attributes on an in-memory H2 database.
 */
@SpringBootTest(classes = CustomerApplication.class, properties = {})
class EncryptedEntityH2Tests extends AbstractEncryptedEntityTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:customers-" + java.util.UUID.randomUUID());
		for (String property : PROPERTIES) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
	}

}
