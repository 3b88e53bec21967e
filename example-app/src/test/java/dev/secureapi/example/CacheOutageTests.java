package dev.secureapi.example;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.secureapi.example.Api.Response;
import dev.secureapi.example.Api.TestUser;
import dev.secureapi.example.cache.LoggingCacheErrorHandler;
import dev.secureapi.test.RedisServerProcess;
import dev.secureapi.test.RequiresServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis outage degrades the cache to the database: reads and writes keep answering 200
 * (never 500), each cache failure is counted in {@code app.cache.errors}, and once Redis
 * is back the caches work again without stale data. Runs the prod profile against
 * PostgreSQL and a Redis server of its own that the test stops.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@RequiresServices(RequiresServices.Service.POSTGRES)
class CacheOutageTests {

	static RedisServerProcess redis;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RedisConnectionFactory redisConnections;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		redis = RedisServerProcess.start();
		ApiTestSupport.register(registry);
		ApiTestSupport.registerPostgres(registry);
		registry.add("secure-api.proxy.trusted-proxies", () -> "127.0.0.1/32,::1/128");
		registry.add("secure-api.production-checks.ignored", () -> ApiTestSupport.PROD_TEST_IGNORED_FINDINGS);
		registry.add("spring.data.redis.url", () -> redis.url());
		registry.add("spring.data.redis.timeout", () -> "500ms");
		registry.add("app.cache.circuit-open-duration", () -> "500ms");
	}

	/**
	 * Waits until password logins are served: right after start-up on a busy machine the
	 * login guard can still be opening its Redis connection, and answers 503
	 * (fail-closed) for its circuit's open duration.
	 */
	@BeforeEach
	void awaitLogins() throws Exception {
		Api api = new Api(this.port);
		for (int attempt = 0; attempt < 30
				&& api.login(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD).status() == 503; attempt++) {
			Thread.sleep(1000);
		}
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void readsAndWritesKeepWorkingFromTheDatabaseWhileRedisIsDown() throws IOException {
		Api api = new Api(this.port);
		TestUser user = api.newUser("outage");
		String adminToken = api.token(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
		assertThat(api.get("/api/v1/users/me", user.accessToken()).status()).isEqualTo(200);
		double errorsBefore = cacheErrors();

		redis.stop();
		Response read = api.get("/api/v1/users/me", user.accessToken());
		assertThat(read.status()).isEqualTo(200);
		Response patched = api.patchJson("/api/v1/users/me", api.json(Api.body("display_name", "During Outage")),
				user.accessToken());
		assertThat(patched.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/users/me", user.accessToken()).json().get("display_name").asString())
			.isEqualTo("During Outage");
		Response page = api.get("/api/v1/users?name=" + user.username(), adminToken);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().get("items").size()).isEqualTo(1);
		assertThat(cacheErrors()).isGreaterThan(errorsBefore);

		redis.restart();
		assertThat(api
			.patchJson("/api/v1/users/me", api.json(Api.body("display_name", "After Outage")), user.accessToken())
			.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/users/me", user.accessToken()).json().get("display_name").asString())
			.isEqualTo("After Outage");
		assertThat(api.get("/api/v1/users/me", user.accessToken()).json().get("display_name").asString())
			.isEqualTo("After Outage");
	}

	/**
	 * While Redis stalls (SIGSTOP: connections stay open, nothing answers) the cache is
	 * skipped after the first timeout, so the profile change's eviction never reaches
	 * Redis then; once Redis answers again, the user cached before the stall is not
	 * served: the eviction is sent before the instance reads Redis again.
	 */
	@Test
	void aProfileChangedWhileRedisStallsIsNotServedStaleOnceRedisAnswersAgain() throws Exception {
		Api api = new Api(this.port);
		TestUser user = api.newUser("stall");
		api.patchJson("/api/v1/users/me", api.json(Api.body("display_name", "Before Stall")), user.accessToken());
		// cached in Redis
		assertThat(displayName(api, user)).isEqualTo("Before Stall");
		assertThat(displayName(api, user)).isEqualTo("Before Stall");

		long pid = redisPid();
		signal("STOP", pid);
		try {
			// the first read meets the command timeout and opens the circuit; the
			// change's eviction is skipped
			assertThat(displayName(api, user)).isEqualTo("Before Stall");
			assertThat(api
				.patchJson("/api/v1/users/me", api.json(Api.body("display_name", "During Stall")), user.accessToken())
				.status()).isEqualTo(200);
			assertThat(displayName(api, user)).isEqualTo("During Stall");
		}
		finally {
			signal("CONT", pid);
		}

		// past the open duration the cache is used again: first the skipped eviction,
		// then reads and fills
		Thread.sleep(1000);
		for (int i = 0; i < 3; i++) {
			assertThat(displayName(api, user)).isEqualTo("During Stall");
		}
	}

	private static String displayName(Api api, TestUser user) throws IOException {
		Response me = api.get("/api/v1/users/me", user.accessToken());
		assertThat(me.status()).isEqualTo(200);
		return me.json().get("display_name").asString();
	}

	private long redisPid() {
		try (RedisConnection connection = this.redisConnections.getConnection()) {
			return Long.parseLong(connection.serverCommands().info("server").getProperty("process_id"));
		}
	}

	private static void signal(String signal, long pid) throws Exception {
		new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
	}

	private double cacheErrors() {
		return this.meters.find(LoggingCacheErrorHandler.METER).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
