package dev.secureapi.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared test support gives each test class a real, empty database of its own and a
 * reachable Redis.
 */
@RequiresServices({ RequiresServices.Service.POSTGRES, RequiresServices.Service.REDIS })
class TestServicesTests {

	@Test
	void createdDatabasesAreEmptyAndSeparate() throws Exception {
		TestServices.PostgresServer server = TestServices.postgres();
		String first = server.createDatabase();
		String second = server.createDatabase();
		assertThat(first).isNotEqualTo(second);
		try (Connection connection = server.connect(first); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE marker (id int)");
		}
		try (Connection connection = server.connect(second);
				Statement statement = connection.createStatement();
				ResultSet tables = statement
					.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'")) {
			tables.next();
			assertThat(tables.getInt(1)).isZero();
		}
	}

	@Test
	void redisAnswersPing() {
		TestServices.RedisServer redis = TestServices.redis();
		assertThat(TestServices.RedisServer.ping(redis.host(), redis.port())).isTrue();
		assertThat(redis.uniquePrefix()).isNotEqualTo(redis.uniquePrefix());
	}

	@Test
	void ownRedisServerCanBeStoppedAndRestarted() throws Exception {
		Assumptions.assumeTrue(RedisServerProcess.isInstalled(), "redis-server is not installed");
		try (RedisServerProcess redis = RedisServerProcess.start()) {
			assertThat(TestServices.RedisServer.ping("127.0.0.1", redis.port())).isTrue();
			redis.stop();
			assertThat(TestServices.RedisServer.ping("127.0.0.1", redis.port())).isFalse();
			redis.restart();
			assertThat(TestServices.RedisServer.ping("127.0.0.1", redis.port())).isTrue();
		}
	}

}
