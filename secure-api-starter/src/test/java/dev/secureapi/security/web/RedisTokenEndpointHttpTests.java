package dev.secureapi.security.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

/**
 * The token endpoint with refresh tokens in Redis, through Boot's own Redis
 * auto-configuration.
 */
@RequiresServices(RequiresServices.Service.REDIS)
@SpringBootTest(classes = TokenEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "secure-api.jwt.secret=" + TestKeys.SECRET, "secure-api.security.public-paths=/token",
				"secure-api.jwt.refresh-store=redis" })
class RedisTokenEndpointHttpTests extends TokenEndpointHttpTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> TestServices.redis().host());
		registry.add("spring.data.redis.port", () -> TestServices.redis().port());
		registry.add("secure-api.jwt.redis-key-prefix", () -> TestServices.redis().uniquePrefix());
	}

}
