package dev.secureapi.crypto.support;

import java.util.UUID;

import org.springframework.boot.autoconfigure.AutoConfigurations;

/**
 * Databases for tests: an H2 in-memory database per context, with the key table created
 * by Flyway from the schema the starter ships.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	public static AutoConfigurations h2WithKeyTable() {
		return AutoConfigurations.of(org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration.class,
				org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration.class);
	}

	public static String[] uniqueH2Url() {
		return new String[] { "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"spring.flyway.locations=classpath:db/secure-api-crypto" };
	}

}
