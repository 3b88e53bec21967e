package dev.secureapi.security.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login, refresh rotation and reuse detection over HTTP; each subclass runs them on one
 * real store.
 */
abstract class TokenEndpointHttpTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final Pattern REFRESH = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");

	private static final Pattern ACCESS = Pattern.compile("\"access_token\":\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void loginThenRefreshRotatesAndTheAccessTokenWorks() throws Exception {
		HttpResponse<String> login = post("grant_type=password&username=alice&password=alice-password");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("\"token_type\":\"Bearer\"").contains("\"expires_in\":900");
		HttpResponse<String> refreshed = post("grant_type=refresh_token&refresh_token=" + refresh(login));
		assertThat(refreshed.statusCode()).isEqualTo(200);
		assertThat(refresh(refreshed)).isNotEqualTo(refresh(login));
		HttpResponse<String> me = http.send(HttpRequest.newBuilder(uri("/me"))
			.header("Authorization", "Bearer " + group(ACCESS, refreshed))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(me.body()).isEqualTo("1");
	}

	@Test
	void wrongPasswordIsAnInvalidGrantProblem() throws Exception {
		HttpResponse<String> response = post("grant_type=password&username=alice&password=nope");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"error\":\"invalid_grant\"");
	}

	@Test
	void reusingASpentRefreshTokenRevokesTheFamily() throws Exception {
		String first = refresh(post("grant_type=password&username=alice&password=alice-password"));
		String second = refresh(post("grant_type=refresh_token&refresh_token=" + first));
		HttpResponse<String> reuse = post("grant_type=refresh_token&refresh_token=" + first);
		assertThat(reuse.statusCode()).isEqualTo(401);
		assertThat(reuse.body()).contains("invalid_grant");
		assertThat(post("grant_type=refresh_token&refresh_token=" + second).statusCode()).isEqualTo(401);
	}

	@Test
	void ofTwoConcurrentRefreshesWithOneTokenExactlyOneSucceeds() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				String token = refresh(post("grant_type=password&username=alice&password=alice-password"));
				CyclicBarrier start = new CyclicBarrier(2);
				List<Future<Integer>> results = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					results.add(executor.submit(() -> {
						start.await();
						return post("grant_type=refresh_token&refresh_token=" + token).statusCode();
					}));
				}
				List<Integer> statuses = new ArrayList<>();
				for (Future<Integer> result : results) {
					statuses.add(result.get());
				}
				assertThat(statuses).containsExactlyInAnyOrder(200, 401);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private HttpResponse<String> post(String form) throws Exception {
		String body = form.replace("+", URLEncoder.encode("+", StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(uri("/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String refresh(HttpResponse<String> response) {
		return group(REFRESH, response);
	}

	private static String group(Pattern pattern, HttpResponse<String> response) {
		Matcher matcher = pattern.matcher(response.body());
		assertThat(matcher.find()).as(response.body()).isTrue();
		return matcher.group(1);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
