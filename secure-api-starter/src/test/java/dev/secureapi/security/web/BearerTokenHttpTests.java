package dev.secureapi.security.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.secureapi.security.jwt.Forge;
import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.security.jwt.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ApiTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "secure-api.jwt.secret=" + TestKeys.SECRET, "secure-api.jwt.issuer=https://api.example",
				"secure-api.jwt.audience=api", "secure-api.security.public-paths=/public/**",
				"secure-api.security.role-hierarchy=ADMIN > USER", "secure-api.jwt.user-check-ttl=0s",
				"server.max-http-request-header-size=256KB" })
class BearerTokenHttpTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TokenService tokens;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@AfterEach
	void reset() {
		ApiTestApplication.DELETED_USERS.clear();
	}

	@Test
	void requestWithoutTokenGets401WithBareBearerChallengeAndProblemBody() throws Exception {
		HttpResponse<String> response = get("/me");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
		assertProblem(response, 401);
	}

	@Test
	void validTokenAuthenticatesWithSubAsNameAndRolesAsAuthorities() throws Exception {
		HttpResponse<String> response = get("/me",
				"Bearer " + this.tokens.issueAccessToken("42", List.of("USER")).value());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"42\"").contains("ROLE_USER");
	}

	@Test
	void aControlCharacterInTheAuthorizationHeaderIsRefusedWith400Problem() throws Exception {
		String token = this.tokens.issueAccessToken("42", List.of("USER")).value();
		String answer = new Http(this.port).rawHead(
				("GET /me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token.substring(0, 20) + "\u0085"
						+ token.substring(20) + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
		assertThat(answer).startsWith("HTTP/1.1 400 ");
		assertThat(answer.toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
	}

	@Test
	void aTabInAHeaderValueIsAllowedAsBySpringSecuritysFirewall() throws Exception {
		String token = this.tokens.issueAccessToken("42", List.of("USER")).value();
		String answer = new Http(this.port).rawHead("GET /me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
				+ token + "\t\r\nConnection: close\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\"name\":\"42\"");
	}

	@Test
	void publicPathNeedsNoToken() throws Exception {
		HttpResponse<String> response = get("/public/ping");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("pong");
	}

	@Test
	void userTokenOnAdminEndpointGets403InsufficientScope() throws Exception {
		HttpResponse<String> response = get("/admin", bearer("1", "USER"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().allValues("WWW-Authenticate"))
			.containsExactly("Bearer error=\"insufficient_scope\"");
		assertProblem(response, 403);
	}

	@Test
	void roleHierarchyLetsAdminReachUserEndpoints() throws Exception {
		assertThat(get("/user", bearer("1", "ADMIN")).statusCode()).isEqualTo(200);
		assertThat(get("/admin", bearer("1", "ADMIN")).statusCode()).isEqualTo(200);
		assertThat(get("/user", bearer("1", "USER")).statusCode()).isEqualTo(200);
		assertThat(get("/user", bearer("1", "GUEST")).statusCode()).isEqualTo(403);
	}

	@Test
	void unknownPathWithValidTokenGetsProblem404NotAnAuthenticationError() throws Exception {
		HttpResponse<String> response = get("/nothing-here", bearer("1", "USER"));
		assertThat(response.statusCode()).isEqualTo(404);
		assertProblem(response, 404);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokens")
	void badTokenGets401InvalidToken(String attack, List<String> authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/me"));
		authorization.forEach((value) -> request.header("Authorization", value));
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");
		assertProblem(response, 401);
	}

	static Stream<Arguments> badTokens() {
		Instant now = Instant.now();
		String payload = "{\"sub\":\"1\",\"roles\":[\"ADMIN\"],\"iss\":\"https://api.example\",\"aud\":\"api\","
				+ "\"iat\":" + now.getEpochSecond() + ",\"exp\":" + (now.getEpochSecond() + 300) + "}";
		byte[] key = Forge.testSecret();
		String good = Forge.hmac("HmacSHA256", key, Forge.header("HS256", "default"), payload);
		String[] parts = good.split("\\.");
		return Stream.of(bad("alg none", Forge.unsigned(Forge.header("none", "default"), payload)),
				bad("alg HS384 with the right secret",
						Forge.hmac("HmacSHA384", key, Forge.header("HS384", "default"), payload)),
				bad("typ JWT",
						Forge.hmac("HmacSHA256", key, "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"default\"}",
								payload)),
				bad("no typ", Forge.hmac("HmacSHA256", key, "{\"alg\":\"HS256\",\"kid\":\"default\"}", payload)),
				bad("unknown kid", Forge.hmac("HmacSHA256", key, Forge.header("HS256", "2019"), payload)),
				bad("kid path traversal",
						Forge.hmac("HmacSHA256", key, Forge.header("HS256", "../../keys/default"), payload)),
				bad("kid SQL", Forge.hmac("HmacSHA256", key, Forge.header("HS256", "x' UNION SELECT 'k"), payload)),
				bad("jku header", Forge.hmac("HmacSHA256", "attacker-secret-attacker-secret-00".getBytes(),
						"{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"default\",\"jku\":\"http://127.0.0.1:9/k\"}",
						payload)),
				bad("expired",
						Forge.hmac("HmacSHA256", key, Forge.header("HS256", "default"),
								payload.replace("\"exp\":" + (now.getEpochSecond() + 300),
										"\"exp\":" + (now.getEpochSecond() - 120)))),
				bad("nbf in the future",
						Forge.hmac("HmacSHA256", key, Forge.header("HS256", "default"),
								payload.replace("\"iat\"", "\"nbf\":" + (now.getEpochSecond() + 600) + ",\"iat\""))),
				bad("wrong iss",
						Forge.hmac("HmacSHA256", key, Forge.header("HS256", "default"),
								payload.replace("https://api.example", "https://evil.example"))),
				bad("wrong aud",
						Forge.hmac("HmacSHA256", key, Forge.header("HS256", "default"),
								payload.replace("\"aud\":\"api\"", "\"aud\":\"billing\""))),
				bad("missing exp",
						Forge.hmac("HmacSHA256", key, Forge.header("HS256", "default"),
								payload.replace(",\"exp\":" + (now.getEpochSecond() + 300), ""))),
				bad("missing sub",
						Forge.hmac("HmacSHA256", key, Forge.header("HS256", "default"),
								payload.replace("\"sub\":\"1\",", ""))),
				bad("duplicate members",
						Forge.hmac("HmacSHA256", key, Forge.header("HS256", "default"),
								payload.replace("\"sub\":\"1\"", "\"sub\":\"1\",\"sub\":\"0\""))),
				bad("signature stripped", parts[0] + "." + parts[1] + "."),
				bad("payload tampered",
						parts[0] + "." + Forge.part(payload.replace("\"sub\":\"1\"", "\"sub\":\"0\"")) + "."
								+ parts[2]),
				bad("100 KB token",
						Forge.hmac("HmacSHA256", key, Forge.header("HS256", "default"),
								payload.replace("\"sub\"", "\"pad\":\"" + "x".repeat(100 * 1024) + "\",\"sub\""))),
				bad("not a JWT", "hello-world"), Arguments.of("Bearer with nothing after it", List.of("Bearer")),
				Arguments.of("Bearer and spaces", List.of("Bearer    ")),
				Arguments.of("two Authorization headers", List.of("Bearer " + good, "Bearer " + good)));
	}

	private static Arguments bad(String attack, String token) {
		return Arguments.of(attack, List.of("Bearer " + token));
	}

	@Test
	void forgedTokenControlIsAccepted() throws Exception {
		// the attack tokens above differ from this one only in what each test names
		Instant now = Instant.now();
		String payload = "{\"sub\":\"1\",\"roles\":[\"ADMIN\"],\"iss\":\"https://api.example\",\"aud\":\"api\","
				+ "\"iat\":" + now.getEpochSecond() + ",\"exp\":" + (now.getEpochSecond() + 300) + "}";
		String good = Forge.hmac("HmacSHA256", Forge.testSecret(), Forge.header("HS256", "default"), payload);
		assertThat(get("/me", "Bearer " + good).statusCode()).isEqualTo(200);
	}

	@Test
	void revokedTokenGets401() throws Exception {
		String token = this.tokens.issueAccessToken("5", List.of("USER")).value();
		assertThat(get("/me", "Bearer " + token).statusCode()).isEqualTo(200);
		this.tokens.revoke(token);
		HttpResponse<String> response = get("/me", "Bearer " + token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");
	}

	@Test
	void tokenOfADeletedUserGets401() throws Exception {
		String token = this.tokens.issueAccessToken("9", List.of("USER")).value();
		assertThat(get("/me", "Bearer " + token).statusCode()).isEqualTo(200);
		ApiTestApplication.DELETED_USERS.add("9");
		HttpResponse<String> response = get("/me", "Bearer " + token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");
	}

	@Test
	void otherAuthorizationSchemesAreTreatedAsNoToken() throws Exception {
		HttpResponse<String> response = get("/me", "Basic dXNlcjpwYXNzd29yZA==");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
	}

	@Test
	void outcomesAreCountedByReasonNeverByUser() throws Exception {
		get("/me", bearer("metrics-user", "USER"));
		get("/me", "Bearer not-a-token");
		assertThat(this.meters.get("secure_api.auth").tag("outcome", "success").counter().count()).isPositive();
		assertThat(this.meters.get("secure_api.auth")
			.tag("outcome", "failure")
			.tag("reason", "malformed")
			.counter()
			.count()).isPositive();
		assertThat(this.meters.get("secure_api.auth").meters())
			.allSatisfy((meter) -> assertThat(meter.getId().getTags().toString()).doesNotContain("metrics-user"));
	}

	@Test
	void noSessionCookieIsIssued() throws Exception {
		HttpResponse<String> response = get("/me", bearer("1", "USER"));
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

	private String bearer(String subject, String... roles) {
		return "Bearer " + this.tokens.issueAccessToken(subject, List.of(roles)).value();
	}

	private HttpResponse<String> get(String path, String... authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		for (String value : authorization) {
			request.header("Authorization", value);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status)
			.contains("\"title\"")
			.contains("\"detail\"")
			.contains("\"instance\"");
	}

}
