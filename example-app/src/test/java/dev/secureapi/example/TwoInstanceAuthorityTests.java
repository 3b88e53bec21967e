package dev.secureapi.example;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.secureapi.example.Api.Response;
import dev.secureapi.example.Api.TestUser;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the prod profile sharing one PostgreSQL database and one Redis: a
 * demotion made on one refuses the demoted admin's old token there at once (although its
 * user check caches answers for ten minutes) and on the other once its
 * {@code user-check-ttl} (one second here) has passed.
 */
@RequiresServices({ RequiresServices.Service.POSTGRES, RequiresServices.Service.REDIS })
class TwoInstanceAuthorityTests {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void aDemotionIsEnforcedAtOnceWhereItWasMadeAndWithinTheTtlOnTheOtherInstance() throws InterruptedException {
		String database = TestServices.postgres().createDatabase();
		String cachePrefix = TestServices.redis().uniquePrefix();
		Api changer = start(database, cachePrefix, "10m");
		Api other = start(database, cachePrefix, "1s");
		String adminToken = changer.token(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
		TestUser user = changer.newUser("twin");
		String roles = "/api/v1/users/" + user.id() + "/roles";
		assertThat(
				changer.putJson(roles, changer.json(Api.body("roles", List.of("USER", "ADMIN"))), adminToken).status())
			.isEqualTo(200);
		String token = other.token(user.username(), user.password());
		// both instances now hold a cached "active" answer for the user
		assertThat(changer.get("/api/v1/users?limit=1", token).status()).isEqualTo(200);
		assertThat(other.get("/api/v1/users?limit=1", token).status()).isEqualTo(200);

		assertThat(changer.putJson(roles, changer.json(Api.body("roles", List.of("USER"))), adminToken).status())
			.isEqualTo(200);

		assertInvalidToken(changer.get("/api/v1/users?limit=1", token));
		Response answer = other.get("/api/v1/users?limit=1", token);
		Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
		while (answer.status() != 401 && Instant.now().isBefore(giveUp)) {
			Thread.sleep(100);
			answer = other.get("/api/v1/users?limit=1", token);
		}
		assertInvalidToken(answer);
		assertInvalidToken(other.get("/api/v1/users/me", token));
	}

	private static void assertInvalidToken(Response response) {
		UserApiContractTests.assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

	private Api start(String database, String cachePrefix, String userCheckTtl) {
		Stream<String> shared = Stream.of(ApiTestSupport.PROPERTIES)
			.filter((property) -> !property.startsWith("secure-api.jwt.user-check-ttl="));
		Stream<String> own = Stream.of("spring.profiles.active=prod", "server.port=0",
				"spring.datasource.url=" + database, "secure-api.proxy.trusted-proxies=127.0.0.1/32,::1/128",
				"secure-api.production-checks.ignored=" + ApiTestSupport.PROD_TEST_IGNORED_FINDINGS,
				"spring.data.redis.url=" + TestServices.redis().url(), "spring.cache.redis.key-prefix=" + cachePrefix,
				"secure-api.jwt.user-check-ttl=" + userCheckTtl);
		List<String> credentials = new ArrayList<>();
		if (TestServices.postgres().username() != null) {
			credentials.add("spring.datasource.username=" + TestServices.postgres().username());
			credentials.add("spring.datasource.password=" + TestServices.postgres().password());
		}
		String[] args = Stream.concat(Stream.concat(shared, own), credentials.stream())
			.map((property) -> "--" + property)
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ExampleApplication.class).run(args);
		this.contexts.add(context);
		return new Api(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

}
