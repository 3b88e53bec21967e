package dev.secureapi.ratelimit;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which client a request counts against, over real HTTP: the address comes from the
 * application's {@code ClientIpResolver}, so a forwarded header counts only from a
 * trusted proxy.
 */
class ClientKeyHttpTests {

	private static final String[] POLICY = { "secure-api.rate-limit.backend=local",
			"secure-api.rate-limit.policies[0].name=items", "secure-api.rate-limit.policies[0].paths=/api/**",
			"secure-api.rate-limit.policies[0].limits[0].capacity=2",
			"secure-api.rate-limit.policies[0].limits[0].period=1h" };

	@Test
	void spoofedForwardedForFromAnUntrustedPeerDoesNotGetAFreshBucket() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication.start(POLICY)) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items", "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Forwarded-For", "203.0.113.2").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Forwarded-For", "203.0.113.3").statusCode()).isEqualTo(429);
			assertThat(client.get("/api/items", "X-Forwarded-For", "198.51.100.7, 203.0.113.4").statusCode())
				.isEqualTo(429);
		}
	}

	@Test
	void forwardedForFromATrustedProxyNamesTheClient() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication
			.start(with(POLICY, "secure-api.proxy.trusted-proxies=127.0.0.1/32"))) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items", "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(429);
			assertThat(client.get("/api/items", "X-Forwarded-For", "203.0.113.2").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void headerKeysCountPerHeaderValue() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication
			.start(with(POLICY, "secure-api.rate-limit.policies[0].key=header:X-Api-Key"))) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items", "X-Api-Key", "one").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Api-Key", "one").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Api-Key", "one").statusCode()).isEqualTo(429);
			assertThat(client.get("/api/items", "X-Api-Key", "two").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void headersCanBeSwitchedOffWhileLimitsStillApply() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication
			.start(with(POLICY, "secure-api.rate-limit.expose-headers=false"))) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			HttpResponse<String> admitted = client.get("/api/items");
			assertThat(admitted.headers().firstValue("RateLimit")).isEmpty();
			assertThat(admitted.headers().firstValue("RateLimit-Policy")).isEmpty();
			client.get("/api/items");
			HttpResponse<String> refused = client.get("/api/items");
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(refused.headers().firstValue("RateLimit")).isEmpty();
		}
	}

	@Test
	void switchedOffRateLimitingAdmitsEverything() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication
			.start(with(POLICY, "secure-api.rate-limit.enabled=false"))) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			for (int i = 0; i < 5; i++) {
				assertThat(client.get("/api/items").statusCode()).isEqualTo(200);
			}
		}
	}

	@Test
	void ipv6ClientsOfOneNetworkShareABucket() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication
			.start(with(POLICY, "secure-api.proxy.trusted-proxies=127.0.0.1/32"))) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items", "X-Forwarded-For", "2001:db8:1:2::1").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Forwarded-For", "2001:db8:1:2:aaaa::7").statusCode()).isEqualTo(200);
			for (int i = 1; i <= 20; i++) {
				String address = "2001:db8:1:2:" + Integer.toHexString(i) + ":"
						+ Integer.toHexString((i * 7919) & 0xffff) + "::" + Integer.toHexString(i);
				assertThat(client.get("/api/items", "X-Forwarded-For", address).statusCode()).as(address)
					.isEqualTo(429);
			}
			assertThat(client.get("/api/items", "X-Forwarded-For", "2001:db8:1:3::1").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void ipv6PrefixLengthIsConfigurable() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication.start(with(POLICY,
				"secure-api.proxy.trusted-proxies=127.0.0.1/32", "secure-api.rate-limit.ipv6-prefix-length=48"))) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items", "X-Forwarded-For", "2001:db8:1:2::1").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Forwarded-For", "2001:db8:1:3::1").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Forwarded-For", "2001:db8:1:ffff::1").statusCode()).isEqualTo(429);
			assertThat(client.get("/api/items", "X-Forwarded-For", "2001:db8:2::1").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void ipv4ClientsAreKeyedByTheirFullAddress() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication
			.start(with(POLICY, "secure-api.proxy.trusted-proxies=127.0.0.1/32"))) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			for (int i = 1; i <= 3; i++) {
				assertThat(client.get("/api/items", "X-Forwarded-For", "203.0.113." + i).statusCode()).isEqualTo(200);
			}
		}
	}

	@Test
	void headerPlusIpKeysHoldARotatingHeaderValueToTheAddressLimit() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication
			.start(with(POLICY, "secure-api.rate-limit.policies[0].key=header:X-Api-Key+ip"))) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items", "X-Api-Key", "random-1").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Api-Key", "random-2").statusCode()).isEqualTo(200);
			assertThat(client.get("/api/items", "X-Api-Key", "random-3").statusCode()).isEqualTo(429);
			assertThat(client.get("/api/items").statusCode()).isEqualTo(429);
		}
	}

	@Test
	void headerPlusIpKeysStillCountPerHeaderValue() {
		try (ConfigurableApplicationContext context = RateLimitTestApplication
			.start(with(POLICY, "secure-api.rate-limit.policies[0].key=header:X-Api-Key+ip",
					"secure-api.proxy.trusted-proxies=127.0.0.1/32"))) {
			RateLimitTestApplication.Client client = new RateLimitTestApplication.Client(context);
			assertThat(client.get("/api/items", "X-Api-Key", "one", "X-Forwarded-For", "203.0.113.1").statusCode())
				.isEqualTo(200);
			assertThat(client.get("/api/items", "X-Api-Key", "one", "X-Forwarded-For", "203.0.113.2").statusCode())
				.isEqualTo(200);
			assertThat(client.get("/api/items", "X-Api-Key", "one", "X-Forwarded-For", "203.0.113.3").statusCode())
				.isEqualTo(429);
		}
	}

	private static String[] with(String[] base, String... more) {
		String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

}
