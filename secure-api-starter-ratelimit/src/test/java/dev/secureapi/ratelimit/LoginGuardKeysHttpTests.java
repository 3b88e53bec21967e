package dev.secureapi.ratelimit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login guard's keys cannot be multiplied cheaply, over real HTTP behind a trusted
 * proxy: respelling a username (case, full-width letters) and rotating addresses within
 * one IPv6 /64 both count against the same counters.
 */
class LoginGuardKeysHttpTests {

	private static ConfigurableApplicationContext context;

	private static RateLimitTestApplication.Client client;

	@BeforeAll
	static void start() {
		context = RateLimitTestApplication.start("secure-api.rate-limit.backend=local",
				"secure-api.proxy.trusted-proxies=127.0.0.1/32",
				"secure-api.rate-limit.login.max-failures-per-user-and-ip=3",
				"secure-api.rate-limit.login.max-failures-per-user=100", "secure-api.rate-limit.login.window=15m");
		client = new RateLimitTestApplication.Client(context);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void spellingsOfOneUsernameShareOneCounter() {
		String from = "198.51.100.20";
		assertThat(login("alice", from)).isEqualTo(401);
		assertThat(login("Alice", from)).isEqualTo(401);
		assertThat(login("ＡＬＩＣＥ", from)).isEqualTo(401);
		assertThat(login("aLiCe", from)).isEqualTo(429);
		assertThat(login("alice", from)).isEqualTo(429);
	}

	@Test
	void addressesOfOneIpv6NetworkShareOneCounter() {
		assertThat(login("bob", "2001:db8:77:1::1")).isEqualTo(401);
		assertThat(login("bob", "2001:db8:77:1:1234:5678:9abc:def0")).isEqualTo(401);
		assertThat(login("bob", "2001:db8:77:1:ffff::2")).isEqualTo(401);
		for (int i = 3; i < 23; i++) {
			assertThat(login("bob", "2001:db8:77:1::" + Integer.toHexString(i))).isEqualTo(429);
		}
		assertThat(login("bob", "2001:db8:77:2::1")).isEqualTo(401);
	}

	private static int login(String username, String clientIp) {
		return client.login(username, "wrong", "X-Forwarded-For", clientIp).statusCode();
	}

}
