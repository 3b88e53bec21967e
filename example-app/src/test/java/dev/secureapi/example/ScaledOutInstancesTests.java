package dev.secureapi.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.secureapi.example.Api.Response;
import dev.secureapi.example.Api.TestUser;
import dev.secureapi.test.RedisTopology;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances of the application in the prod profile on one PostgreSQL database,
 * each on its own port, behave as one: three on a Redis Cluster, two on a
 * Sentinel-managed primary. Rate limits and the login guard count together, a refresh
 * token reused at any instance revokes its family everywhere, a revoked access token is
 * refused everywhere, and a write through one instance is seen by the others at once
 * (their caches are invalidated). Refresh tokens and revoked ids are kept in Redis here,
 * so that store is exercised too.
 */
@RequiresServices({ RequiresServices.Service.POSTGRES, RequiresServices.Service.REDIS })
@ParameterizedClass
@EnumSource(names = { "CLUSTER", "SENTINEL" })
class ScaledOutInstancesTests {

	private static final int LIMITED_CAPACITY = 6;

	private static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private static final List<Api> instances = new ArrayList<>();

	@Parameter
	RedisTopology topology;

	@BeforeParameterizedClassInvocation
	static void startInstances(RedisTopology topology) {
		String database = TestServices.postgres().createDatabase();
		String prefix = TestServices.redis().uniquePrefix();
		List<String> properties = new ArrayList<>(List.of(ApiTestSupport.PROPERTIES));
		properties.addAll(topology.springProperties());
		properties.addAll(List.of("server.port=0", "spring.main.banner-mode=off", "spring.datasource.url=" + database,
				"secure-api.proxy.trusted-proxies=127.0.0.1/32,::1/128",
				"secure-api.production-checks.ignored=" + ApiTestSupport.PROD_TEST_IGNORED_FINDINGS,
				"spring.cache.redis.key-prefix=" + prefix + "cache:",
				"secure-api.rate-limit.redis.key-prefix=" + prefix + "rl:", "secure-api.jwt.refresh-store=redis",
				"secure-api.jwt.redis-key-prefix=" + prefix + "jwt:",
				// a loaded build machine can take longer than the production 100 ms for a
				// first command
				"secure-api.rate-limit.redis.command-timeout=5s",
				"secure-api.rate-limit.login.max-failures-per-user-and-ip=5",
				"secure-api.rate-limit.policies[1].name=health",
				"secure-api.rate-limit.policies[1].paths[0]=/actuator/health",
				"secure-api.rate-limit.policies[1].limits[0].capacity=" + LIMITED_CAPACITY,
				"secure-api.rate-limit.policies[1].limits[0].period=1h"));
		if (TestServices.postgres().username() != null) {
			properties.add("spring.datasource.username=" + TestServices.postgres().username());
			properties.add("spring.datasource.password=" + TestServices.postgres().password());
		}
		int count = (topology == RedisTopology.CLUSTER) ? 3 : 2;
		for (int i = 0; i < count; i++) {
			// as command-line arguments, so they take precedence over application.yaml as
			// in a deployment
			ConfigurableApplicationContext context = new SpringApplicationBuilder(ExampleApplication.class)
				.profiles("prod")
				.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
			contexts.add(context);
			instances.add(new Api(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"))));
		}
	}

	@AfterParameterizedClassInvocation
	static void stopInstances() {
		contexts.forEach(ConfigurableApplicationContext::close);
		contexts.clear();
		instances.clear();
	}

	@Test
	void requestsSpreadOverTheInstancesAreAdmittedExactlyUpToTheCapacityInTotal() {
		int admitted = 0;
		for (int i = 0; i < 15; i++) {
			if (instance(i).get("/actuator/health", null).status() != 429) {
				admitted++;
			}
		}
		assertThat(admitted).isEqualTo(LIMITED_CAPACITY);
	}

	@Test
	void loginFailuresAtDifferentInstancesAreCountedTogether() {
		TestUser user = instance(0).newUser("guarded");
		for (int i = 0; i < 5; i++) {
			assertThat(instance(i).login(user.username(), "wrong-password-" + i).status()).isEqualTo(401);
		}
		for (int i = 0; i < instances.size(); i++) {
			assertThat(instance(i).login(user.username(), user.password()).status()).isEqualTo(429);
		}
	}

	@Test
	void aRefreshTokenReusedAtAnotherInstanceRevokesItsFamilyEverywhere() {
		TestUser user = instance(0).newUser("rotated");
		Response rotated = refresh(instance(1), user.refreshToken());
		assertThat(rotated.status()).isEqualTo(200);
		String successor = rotated.json().get("refresh_token").asString();
		assertThat(refresh(instance(2), user.refreshToken()).status()).isEqualTo(401);
		assertThat(refresh(instance(0), successor).status()).as("the family is revoked after reuse").isEqualTo(401);
	}

	@Test
	void anAccessTokenRevokedAtOneInstanceIsRefusedByEveryInstance() {
		TestUser user = instance(0).newUser("revoked");
		for (int i = 0; i < instances.size(); i++) {
			assertThat(instance(i).get("/api/v1/users/me", user.accessToken()).status()).isEqualTo(200);
		}
		assertThat(instance(1).postForm("/api/v1/token/revoke", Map.of("token", user.accessToken())).status())
			.isEqualTo(200);
		for (int i = 0; i < instances.size(); i++) {
			assertThat(instance(i).get("/api/v1/users/me", user.accessToken()).status()).isEqualTo(401);
		}
	}

	@Test
	void aProfileChangedAtOneInstanceIsSeenAtOnceByTheOthers() {
		TestUser user = instance(0).newUser("cached");
		String adminToken = instance(0).token(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
		for (int i = 0; i < instances.size(); i++) {
			// read (and cache) the profile and the list page everywhere first
			assertThat(instance(i).get("/api/v1/users/me", user.accessToken()).status()).isEqualTo(200);
			assertThat(instance(i).get("/api/v1/users?name=" + user.username(), adminToken).body())
				.contains(user.username())
				.doesNotContain("Changed at the last instance");
		}
		Response changed = last().patchJson("/api/v1/users/me",
				last().json(Map.of("display_name", "Changed at the last instance")), user.accessToken());
		assertThat(changed.status()).isEqualTo(200);
		for (int i = 0; i < instances.size(); i++) {
			assertThat(instance(i).get("/api/v1/users/me", user.accessToken()).json().get("display_name").asString())
				.isEqualTo("Changed at the last instance");
		}
		for (int i = 0; i < instances.size(); i++) {
			assertThat(instance(i).get("/api/v1/users?name=" + user.username(), adminToken).body())
				.contains("Changed at the last instance");
		}
	}

	private static Api last() {
		return instances.get(instances.size() - 1);
	}

	private static Api instance(int i) {
		return instances.get(i % instances.size());
	}

	private static Response refresh(Api api, String refreshToken) {
		return api.postForm("/api/v1/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

}
