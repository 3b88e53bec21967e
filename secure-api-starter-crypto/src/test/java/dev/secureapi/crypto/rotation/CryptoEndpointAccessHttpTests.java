package dev.secureapi.crypto.rotation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.secureapi.security.jwt.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP, with the starter's default security chain: the {@code crypto} endpoint
 * (rotate, re-encrypt, retire) answers ADMIN only, even when a public path pattern would
 * cover it.
 */
@SpringBootTest(classes = CryptoEndpointAccessHttpTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,crypto",
				"secure-api.security.public-paths=/actuator/health/**,/actuator/crypto/public-looking/**",
				"secure-api.jwt.secret=base64:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
				"spring.flyway.locations=classpath:db/secure-api-crypto" })
class CryptoEndpointAccessHttpTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TokenService tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anonymousCallerGets401() throws Exception {
		assertThat(send("GET", "/actuator/crypto", null).statusCode()).isEqualTo(401);
		assertThat(send("POST", "/actuator/crypto", null).statusCode()).isEqualTo(401);
	}

	@Test
	void userTokenGets403AndRotatesNothing() throws Exception {
		String user = this.tokens.issueAccessToken("7", List.of("USER")).value();
		int keys = keyCount();
		assertThat(send("GET", "/actuator/crypto", user).statusCode()).isEqualTo(403);
		assertThat(send("POST", "/actuator/crypto", user).statusCode()).isEqualTo(403);
		assertThat(send("DELETE", "/actuator/crypto/" + UUID.randomUUID(), user).statusCode()).isEqualTo(403);
		assertThat(send("GET", "/actuator/crypto/public-looking/x", null).statusCode()).isEqualTo(401);
		assertThat(keyCount()).isEqualTo(keys);
	}

	@Test
	void adminTokenRotates() throws Exception {
		String admin = this.tokens.issueAccessToken("1", List.of("ADMIN")).value();
		int keys = keyCount();
		assertThat(send("GET", "/actuator/crypto", admin).statusCode()).isEqualTo(200);
		HttpResponse<String> rotated = send("POST", "/actuator/crypto", admin);
		assertThat(rotated.statusCode()).isEqualTo(200);
		assertThat(keyCount()).isEqualTo(keys + 1);
	}

	private int keyCount() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM secure_api_data_key", Integer.class);
	}

	private HttpResponse<String> send(String method, String path, @Nullable String token)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpRequest.BodyPublisher body = "POST".equals(method)
				? HttpRequest.BodyPublishers.ofString("{\"action\":\"ROTATE_DATA_KEY\"}")
				: HttpRequest.BodyPublishers.noBody();
		return this.http.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
