package dev.secureapi.example.schema;

import org.flywaydb.core.Flyway;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the application's migrations, then the crypto starter's ({@code classpath:db/secure-api-crypto}, the
 * data-key table) with a schema history of its own. Its file is numbered 0.1, like the JWT starter's
 * refresh-token tables, and Flyway refuses two migrations with one version in one history; a separate history
 * keeps both starters' files as they ship.
 */
@Configuration(proxyBeanMethods = false)
public class SchemaMigrations {

	/** Where the crypto starter ships its schema. */
	static final String CRYPTO_LOCATION = "classpath:db/secure-api-crypto";

	/** The schema history table of the crypto starter's migrations. */
	static final String CRYPTO_HISTORY = "secure_api_crypto_schema_history";

	@Bean
	FlywayMigrationStrategy applicationThenCryptoMigrations() {
		return (flyway) -> {
			flyway.migrate();
			Flyway.configure(flyway.getConfiguration().getClassLoader())
				.configuration(flyway.getConfiguration())
				.locations(CRYPTO_LOCATION)
				.table(CRYPTO_HISTORY)
				// the schema already holds the application's tables: start this history below 0.1
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load()
				.migrate();
		};
	}

}
