package dev.secureapi.example;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.secureapi.example.Api.TestUser;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API contract in the prod profile: PostgreSQL, the Redis cache and Redis rate-limit
 * buckets, production checks in fail mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@RequiresServices({ RequiresServices.Service.POSTGRES, RequiresServices.Service.REDIS })
class PostgresRedisUserApiTests extends UserApiContractTests {

	static String cachePrefix;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void cachedUsersAreTypedJsonUnderTheConfiguredPrefixWithTheTtl() {
		TestUser user = this.api.newUser("cached");
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).status()).isEqualTo(200);
		String key = cachePrefix + "users::" + user.id();
		String cached = this.redis.opsForValue().get(key);
		assertThat(cached).startsWith("{")
			.contains("\"username\":\"" + user.username() + "\"")
			.doesNotContain("@class", "password");
		assertThat(this.redis.getExpire(key, TimeUnit.SECONDS)).isBetween(1L, 60L);
	}

	@Test
	void cachedUsersAndPagesHoldNoPlaintextEmail() {
		TestUser user = this.api.newUser("pii");
		String email = user.username().toLowerCase() + "@example.test";
		Api.Response me = this.api.get("/api/v1/users/me", user.accessToken());
		assertThat(me.json().get("email").asString()).isEqualTo(email);
		assertThat(this.api.get("/api/v1/users?name=" + user.username(), this.adminToken).body()).contains(email);
		String cachedUser = this.redis.opsForValue().get(cachePrefix + "users::" + user.id());
		assertThat(cachedUser).contains("\"username\":\"" + user.username() + "\"")
			.contains("\"email\":\"saf:")
			.doesNotContain(email)
			.doesNotContain("@example.test");
		java.util.Set<String> pageKeys = this.redis.keys(cachePrefix + "user-pages::*");
		assertThat(pageKeys).isNotEmpty();
		for (String key : pageKeys) {
			assertThat(this.redis.opsForValue().get(key)).doesNotContain("@example.test");
		}
		// and the cached copies read back as the plaintext
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).json().get("email").asString())
			.isEqualTo(email);
		assertThat(this.api.get("/api/v1/users?name=" + user.username(), this.adminToken).body()).contains(email);
	}

	@Test
	void swaggerUiAndTheApiDescriptionAreOffInProd() {
		assertThat(this.api.get("/swagger-ui/index.html", this.adminToken).status()).isEqualTo(404);
		assertThat(this.api.get("/v3/api-docs", this.adminToken).status()).isEqualTo(404);
	}

	@Test
	void plainHttpIsRefusedInProd() {
		Api.Response response = this.api.postFormWithoutProxyHeaders("/api/v1/token",
				"grant_type=password&username=a&password=b");
		assertThat(response.status()).isEqualTo(403);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ApiTestSupport.register(registry);
		ApiTestSupport.registerPostgres(registry);
		registry.add("secure-api.proxy.trusted-proxies", () -> "127.0.0.1/32,::1/128");
		registry.add("secure-api.production-checks.ignored", () -> ApiTestSupport.PROD_TEST_IGNORED_FINDINGS);
		registry.add("spring.data.redis.url", () -> TestServices.redis().url());
		cachePrefix = TestServices.redis().uniquePrefix();
		registry.add("spring.cache.redis.key-prefix", () -> cachePrefix);
	}

}
