package dev.secureapi.security.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

/**
 * The JDBC store on a real PostgreSQL, with the schema file the starter ships.
 */
@RequiresServices(RequiresServices.Service.POSTGRES)
public class JdbcRefreshTokenStoreTests extends RefreshTokenStoreContractTests {

	static final String SCHEMA = "db/secure-api/V0_1__secure_api_refresh_tokens.sql";

	private static JdbcRefreshTokenStore store;

	@BeforeAll
	static void createSchema() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(databaseWithSchema());
		store = new JdbcRefreshTokenStore(jdbc, java.time.Clock.systemUTC());
	}

	/**
	 * A new database on the test server with the schema file the starter ships applied.
	 * @return the data source
	 * @throws IOException if the schema file cannot be read
	 */
	public static DriverManagerDataSource databaseWithSchema() throws IOException {
		DriverManagerDataSource dataSource = dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		String sql = new ClassPathResource(SCHEMA).getContentAsString(StandardCharsets.UTF_8);
		for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
			if (!statement.isBlank()) {
				jdbc.execute(statement);
			}
		}
		return dataSource;
	}

	private static DriverManagerDataSource dataSource() {
		TestServices.PostgresServer server = TestServices.postgres();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(server.createDatabase());
		if (server.username() != null) {
			dataSource.setUsername(server.username());
			dataSource.setPassword(server.password());
		}
		return dataSource;
	}

	@Override
	protected RefreshTokenStore store() {
		return store;
	}

}
