package dev.secureapi.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the API tests: real requests to the running server, answers
 * with status, headers and the parsed body.
 */
public final class Api {

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final String base;

	/**
	 * Creates a client.
	 * @param port the server's port
	 */
	public Api(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * A user name no other test (or earlier run against the same Redis) uses.
	 * @param prefix a readable start
	 * @return the name
	 */
	public static String unique(String prefix) {
		return prefix + "_" + RUN + "_" + SEQUENCE.incrementAndGet();
	}

	public Response get(String path, @Nullable String token) {
		return send(request(path, token).GET());
	}

	public Response delete(String path, @Nullable String token) {
		return send(request(path, token).DELETE());
	}

	public Response postJson(String path, String json, @Nullable String token) {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response patchJson(String path, String json, @Nullable String token) {
		return send(request(path, token).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response putJson(String path, String json, @Nullable String token) {
		return send(request(path, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response postForm(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a form the way a client talking plain HTTP straight to the server does: no
	 * forwarded headers.
	 * @param path the path
	 * @param form the encoded form
	 * @return the answer
	 */
	public Response postFormWithoutProxyHeaders(String path, String form) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/**
	 * Registers a user.
	 * @param username the user name
	 * @param password the password
	 * @return the answer
	 */
	public Response register(String username, String password) {
		return postJson("/api/v1/users",
				json(Map.of("username", username, "email", username + "@example.test", "password", password)), null);
	}

	/**
	 * Logs in with the password grant.
	 * @param username the user name
	 * @param password the password
	 * @return the answer
	 */
	public Response login(String username, String password) {
		return postForm("/api/v1/token", Map.of("grant_type", "password", "username", username, "password", password));
	}

	/**
	 * Logs in and returns the access token.
	 * @param username the user name
	 * @param password the password
	 * @return the access token
	 */
	public String token(String username, String password) {
		Response response = login(username, password);
		if (response.status() != 200) {
			throw new IllegalStateException("login failed: " + response);
		}
		return response.json().get("access_token").asString();
	}

	/**
	 * Registers a user and logs in.
	 * @param prefix the user name prefix
	 * @return the user
	 */
	public TestUser newUser(String prefix) {
		String username = unique(prefix);
		String password = "pw-" + username + "-Secret1";
		Response registered = register(username, password);
		if (registered.status() != 201) {
			throw new IllegalStateException("registration failed: " + registered);
		}
		Response login = login(username, password);
		return new TestUser(registered.json().get("id").asLong(), username, password,
				login.json().get("access_token").asString(), login.json().get("refresh_token").asString());
	}

	/**
	 * Writes JSON.
	 * @param value a map or record
	 * @return the JSON
	 */
	public String json(Object value) {
		return this.mapper.writeValueAsString(value);
	}

	/**
	 * A map keeping insertion order, for request bodies with null members.
	 * @param keysAndValues alternating keys and values
	 * @return the map
	 */
	public static Map<String, @Nullable Object> body(@Nullable Object... keysAndValues) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
		}
		return map;
	}

	private HttpRequest.Builder request(String path, @Nullable String token) {
		// as a TLS-terminating proxy would send it; honoured only where 127.0.0.1 is a
		// trusted proxy (prod tests)
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("X-Forwarded-Proto", "https");
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body(), this.mapper);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * An answer.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param body the body text
	 * @param mapper parses the body
	 */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body, JsonMapper mapper) {

		public JsonNode json() {
			return this.mapper.readTree(this.body);
		}

		public @Nullable String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> String.join(", ", e.getValue()))
				.findFirst()
				.orElse(null);
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

	/**
	 * A registered, logged-in user.
	 *
	 * @param id the id
	 * @param username the user name
	 * @param password the password
	 * @param accessToken an access token
	 * @param refreshToken a refresh token
	 */
	public record TestUser(long id, String username, String password, String accessToken, String refreshToken) {
	}

}
