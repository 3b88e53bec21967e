package dev.secureapi.security.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.secureapi.test.MutableClock;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two requests refreshing with the same token at the same moment, through the token
 * service, on the real PostgreSQL and Redis stores: exactly one gets a new token, and the
 * collision is treated as reuse.
 */
@RequiresServices({ RequiresServices.Service.POSTGRES, RequiresServices.Service.REDIS })
class ConcurrentRefreshTests {

	private static LettuceConnectionFactory redis;

	@BeforeAll
	static void connect() {
		TestServices.RedisServer server = TestServices.redis();
		redis = new LettuceConnectionFactory(new RedisStandaloneConfiguration(server.host(), server.port()));
		redis.afterPropertiesSet();
		redis.start();
	}

	@AfterAll
	static void disconnect() {
		redis.destroy();
	}

	@Test
	void jdbcStoreLetsExactlyOneOfTwoConcurrentRefreshesWin() throws Exception {
		JdbcRefreshTokenStoreTests.createSchema();
		RefreshTokenStore store = new JdbcRefreshTokenStoreTests().store();
		assertExactlyOneWins(store);
	}

	@Test
	void redisStoreLetsExactlyOneOfTwoConcurrentRefreshesWin() throws Exception {
		RefreshTokenStore store = new RedisRefreshTokenStore(new StringRedisTemplate(redis),
				TestServices.redis().uniquePrefix());
		assertExactlyOneWins(store);
	}

	private static void assertExactlyOneWins(RefreshTokenStore store) throws Exception {
		Tokens tokens = new Tokens(Tokens.secret(TestKeys.SECRET), MutableClock.now(), null, store);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 20; round++) {
				String refreshToken = tokens.service.issue("u" + round, List.of("USER")).refreshToken();
				CyclicBarrier start = new CyclicBarrier(2);
				List<Future<String>> results = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					results.add(executor.submit(() -> {
						start.await();
						try {
							return tokens.service.refresh(refreshToken).refreshToken();
						}
						catch (InvalidTokenException ex) {
							return "rejected";
						}
					}));
				}
				List<String> outcomes = new ArrayList<>();
				for (Future<String> result : results) {
					outcomes.add(result.get());
				}
				assertThat(outcomes).filteredOn("rejected"::equals).hasSize(1);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
