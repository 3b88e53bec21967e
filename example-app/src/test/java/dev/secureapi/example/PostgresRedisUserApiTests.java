package dev.secureapi.example;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

/**
 * The API contract in the prod profile: PostgreSQL, the Redis cache and Redis rate-limit buckets, production
 * checks in fail mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@RequiresServices({ RequiresServices.Service.POSTGRES, RequiresServices.Service.REDIS })
class PostgresRedisUserApiTests extends UserApiContractTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ApiTestSupport.register(registry);
		ApiTestSupport.registerPostgres(registry);
		registry.add("spring.data.redis.url", () -> TestServices.redis().url());
		String prefix = TestServices.redis().uniquePrefix();
		registry.add("spring.cache.redis.key-prefix", () -> prefix);
	}

}
