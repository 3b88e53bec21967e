package dev.secureapi.security.web;

import java.io.IOException;

import javax.sql.DataSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.secureapi.security.jwt.JdbcRefreshTokenStoreTests;
import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.test.RequiresServices;

/**
 * The token endpoint with refresh tokens in PostgreSQL, schema from the file the starter
 * ships.
 */
@RequiresServices(RequiresServices.Service.POSTGRES)
@SpringBootTest(classes = { TokenEndpointTestApplication.class, JdbcTokenEndpointHttpTests.Database.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "secure-api.jwt.secret=" + TestKeys.SECRET,
				"secure-api.security.public-paths=/token", "secure-api.jwt.refresh-store=jdbc" })
class JdbcTokenEndpointHttpTests extends TokenEndpointHttpTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Database {

		@Bean
		DataSource dataSource() throws IOException {
			return JdbcRefreshTokenStoreTests.databaseWithSchema();
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

	}

}
