package dev.secureapi.security.web;

import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The token endpoint with refresh tokens in PostgreSQL, schema from the file the starter ships.
 */
@RequiresServices(RequiresServices.Service.POSTGRES)
@SpringBootTest(classes = { TokenEndpointTestApplication.class, JdbcTokenEndpointHttpTest.Database.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "secure-api.jwt.secret=" + TestKeys.SECRET, "secure-api.security.public-paths=/token",
				"secure-api.jwt.refresh-store=jdbc" })
class JdbcTokenEndpointHttpTest extends TokenEndpointHttpTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Database {

		@Bean
		DataSource dataSource() throws java.io.IOException {
			TestServices.PostgresServer server = TestServices.postgres();
			DriverManagerDataSource dataSource = new DriverManagerDataSource(server.createDatabase());
			if (server.username() != null) {
				dataSource.setUsername(server.username());
				dataSource.setPassword(server.password());
			}
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			String sql = new ClassPathResource("db/secure-api/V0_1__secure_api_refresh_tokens.sql")
				.getContentAsString(StandardCharsets.UTF_8);
			for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
				if (!statement.isBlank()) {
					jdbc.execute(statement);
				}
			}
			return dataSource;
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

	}

}
