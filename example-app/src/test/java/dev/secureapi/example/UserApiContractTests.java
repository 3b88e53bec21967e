package dev.secureapi.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import dev.secureapi.example.Api.Response;
import dev.secureapi.example.Api.TestUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API table of ARCHITECTURE.md and the bad inputs, over real HTTP. Run
 * against H2 (the embedded default) and against PostgreSQL + Redis (the prod profile) by
 * the subclasses.
 */
abstract class UserApiContractTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	Api api;

	String adminToken;

	private final List<Long> extraAdmins = new ArrayList<>();

	@BeforeEach
	void connect() {
		this.api = new Api(this.port);
		this.adminToken = this.api.token(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
	}

	/** Other tests rely on the start-up administrator being the only one. */
	@AfterEach
	void deleteExtraAdmins() {
		for (long id : this.extraAdmins) {
			this.api.delete("/api/v1/users/" + id, this.adminToken);
		}
	}

	// POST /users

	@Test
	void registrationAnswers201WithLocationAndTheUserInSnakeCaseWithoutAnyHash() {
		String name = Api.unique("reg");
		Response response = this.api.postJson("/api/v1/users",
				this.api.json(Api.body("username", name, "email", name.toUpperCase() + "@Example.TEST", "password",
						"long-enough-1", "display_name", "Reg User", "bio", "<b>hello</b>")),
				null);
		assertThat(response.status()).isEqualTo(201);
		JsonNode user = response.json();
		assertThat(response.header("Location")).isEqualTo("/api/v1/users/" + user.get("id").asLong());
		assertThat(user.get("username").asString()).isEqualTo(name);
		assertThat(user.get("email").asString()).isEqualTo(name.toLowerCase() + "@example.test");
		assertThat(user.get("display_name").asString()).isEqualTo("Reg User");
		assertThat(user.get("bio").asString()).isEqualTo("<b>hello</b>");
		assertThat(user.get("roles").toString()).isEqualTo("[\"USER\"]");
		assertThat(user.get("created_at").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("password", "hash", "long-enough-1", "displayName");
	}

	@Test
	void registrationIgnoresRolesAndIdInTheBody() {
		String name = Api.unique("mass");
		Response response = this.api.postJson("/api/v1/users",
				this.api.json(Api.body("username", name, "email", name + "@example.test", "password", "long-enough-1",
						"roles", List.of("ADMIN"), "id", 999999, "password_hash", "{noop}x", "created_at",
						"2000-01-01T00:00:00Z")),
				null);
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("roles").toString()).isEqualTo("[\"USER\"]");
		assertThat(response.json().get("id").asLong()).isNotEqualTo(999999);
		assertThat(response.json().get("created_at").asString()).doesNotStartWith("2000");
		assertThat(this.jdbc.queryForObject("SELECT password_hash FROM users WHERE username = ?", String.class, name))
			.startsWith("{argon2}");
	}

	@Test
	void theEmailIsStoredEncryptedWithABlindIndexForUniqueness() {
		TestUser user = this.api.newUser("secret");
		Map<String, Object> row = this.jdbc.queryForMap("SELECT email, email_index FROM users WHERE id = ?", user.id());
		assertThat((String) row.get("email")).startsWith("saf:")
			.doesNotContain(user.username())
			.doesNotContain("example");
		assertThat((String) row.get("email_index")).hasSize(64).doesNotContain(user.username());
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).json().get("email").asString())
			.isEqualTo(user.username().toLowerCase() + "@example.test");
	}

	@Test
	void invalidRegistrationsAre400ProblemsNamingTheFieldAndStoreNothing() {
		String name = Api.unique("bad");
		assertInvalid(Api.body("username", "ab", "email", "a@example.test", "password", "long-enough-1"), "username");
		assertInvalid(Api.body("username", "x".repeat(51), "email", "a@example.test", "password", "long-enough-1"),
				"username");
		assertInvalid(Api.body("username", "bad name!", "email", "a@example.test", "password", "long-enough-1"),
				"username");
		assertInvalid(Api.body("username", "' OR 1=1--", "email", "a@example.test", "password", "long-enough-1"),
				"username");
		assertInvalid(Api.body("username", name, "email", "not-an-email", "password", "long-enough-1"), "email");
		assertInvalid(Api.body("username", name, "email", "a".repeat(250) + "@x.io", "password", "long-enough-1"),
				"email");
		assertInvalid(Api.body("username", name, "email", name + "@example.test", "password", "short"), "password");
		assertInvalid(Api.body("username", name, "email", name + "@example.test", "password", "p".repeat(129)),
				"password");
		assertInvalid(Api.body("username", name, "email", name + "@example.test", "password", "long-enough-1",
				"display_name", "d".repeat(101)), "display_name");
		assertInvalid(Api.body("username", name, "email", name + "@example.test", "password", "long-enough-1", "bio",
				"b".repeat(2001)), "bio");
		assertInvalid(Api.body("email", name + "@example.test", "password", "long-enough-1"), "username");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE username = ?", Integer.class, name))
			.isZero();
	}

	@Test
	void malformedJsonAndWrongTypesAre400Problems() {
		assertProblem(this.api.postJson("/api/v1/users", "{\"username\": ", null), 400);
		assertProblem(this.api.postJson("/api/v1/users", "[1, 2]", null), 400);
		assertProblem(this.api.postJson("/api/v1/users",
				"{\"username\": {\"a\": 1}, \"email\": \"a@example.test\", \"password\": \"long-enough-1\"}", null),
				400);
		assertProblem(this.api.postJson("/api/v1/users",
				"{\"username\": \"okname\", \"email\": \"a@example.test\", \"password\": [\"long-enough-1\"]}", null),
				400);
	}

	@Test
	void aTakenUserNameOrEmailIs409() {
		TestUser user = this.api.newUser("taken");
		Response sameName = this.api.postJson("/api/v1/users", this.api.json(Api.body("username", user.username(),
				"email", Api.unique("other") + "@example.test", "password", "long-enough-1")), null);
		assertProblem(sameName, 409);
		Response sameEmail = this.api.postJson("/api/v1/users", this.api.json(Api.body("username", Api.unique("other"),
				"email", user.username().toUpperCase() + "@EXAMPLE.test", "password", "long-enough-1")), null);
		assertProblem(sameEmail, 409);
	}

	@Test
	void concurrentRegistrationsOfOneNameGiveExactlyOne201AndOnly409s() throws Exception {
		String name = Api.unique("race");
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int n = i;
				results.add(pool.submit(() -> {
					start.await();
					return this.api
						.postJson("/api/v1/users",
								this.api.json(Api.body("username", name, "email", name + n + "@example.test",
										"password", "long-enough-1")),
								null)
						.status();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get());
			}
			assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE username = ?", Integer.class, name))
			.isEqualTo(1);
	}

	@Test
	void aBioIsStoredSanitised() {
		String name = Api.unique("bio");
		String bio = "<script>alert(1)</script><b>bold</b><img src=x onerror=alert(2)>"
				+ "<a href=\"javascript:alert(3)\">js</a><a href=\"https://example.com/\" onclick=\"x()\">ok</a>"
				+ "<p style=\"color:red\">para</p>";
		Response response = this.api.postJson("/api/v1/users", this.api
			.json(Api.body("username", name, "email", name + "@example.test", "password", "long-enough-1", "bio", bio)),
				null);
		assertThat(response.status()).isEqualTo(201);
		String stored = this.jdbc.queryForObject("SELECT bio FROM users WHERE username = ?", String.class, name);
		assertThat(stored).isEqualTo(response.json().get("bio").asString())
			.contains("<b>bold</b>", "<p>para</p>", "href=\"https://example.com/\"", "nofollow", "noopener")
			.doesNotContainIgnoringCase("script")
			.doesNotContainIgnoringCase("onerror")
			.doesNotContainIgnoringCase("onclick")
			.doesNotContainIgnoringCase("javascript:")
			.doesNotContain("<img", "style");
	}

	// POST /token and /token/revoke

	@Test
	void passwordGrantAnswersATokenPairThatIsNotCached() {
		TestUser user = this.api.newUser("login");
		Response response = this.api.login(user.username(), user.password());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		JsonNode tokens = response.json();
		assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokens.get("expires_in").asLong()).isEqualTo(900);
		assertThat(tokens.get("access_token").asString()).contains(".");
		assertThat(tokens.get("refresh_token").asString()).hasSizeGreaterThanOrEqualTo(43);
	}

	@Test
	void aWrongPasswordOrUnknownUserIs401InvalidGrantAndTheSameAnswer() {
		TestUser user = this.api.newUser("wrongpw");
		Response wrong = this.api.login(user.username(), "not-the-password");
		Response unknown = this.api.login(Api.unique("nobody"), "not-the-password");
		Response injection = this.api.login("' OR 1=1--", "' OR 1=1--");
		for (Response response : List.of(wrong, unknown, injection)) {
			assertProblem(response, 401);
			assertThat(response.json().get("error").asString()).isEqualTo("invalid_grant");
			assertThat(response.json().get("detail").asString()).isEqualTo(wrong.json().get("detail").asString());
		}
	}

	@Test
	void aMissingOrUnknownGrantIs400() {
		assertProblem(this.api.postForm("/api/v1/token", Map.of("username", "a", "password", "b")), 400);
		Response unknown = this.api.postForm("/api/v1/token", Map.of("grant_type", "client_credentials"));
		assertProblem(unknown, 400);
		assertThat(unknown.json().get("error").asString()).isEqualTo("unsupported_grant_type");
		assertProblem(this.api.postForm("/api/v1/token", Map.of("grant_type", "password", "username", "a")), 400);
		assertProblem(this.api.postJson("/api/v1/token", "{\"grant_type\":\"password\"}", null), 415);
	}

	@Test
	void aRefreshTokenIsSpentByItsUseAndItsReuseRevokesTheFamily() {
		TestUser user = this.api.newUser("refresh");
		Response first = refresh(user.refreshToken());
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Cache-Control")).contains("no-store");
		String successor = first.json().get("refresh_token").asString();
		assertThat(successor).isNotEqualTo(user.refreshToken());
		assertThat(this.api.get("/api/v1/users/me", first.json().get("access_token").asString()).status())
			.isEqualTo(200);

		Response reuse = refresh(user.refreshToken());
		assertProblem(reuse, 401);
		assertThat(reuse.json().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(refresh(successor).status()).as("the family is revoked after reuse").isEqualTo(401);
		assertThat(refresh("not-a-token").json().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void revokingARefreshTokenEndsItsFamilyAndRevocationAlwaysAnswers200() {
		TestUser user = this.api.newUser("revoke");
		assertThat(this.api.postForm("/api/v1/token/revoke", Map.of("token", user.refreshToken())).status())
			.isEqualTo(200);
		assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);
		assertThat(this.api.postForm("/api/v1/token/revoke", Map.of("token", "garbage")).status()).isEqualTo(200);
		assertThat(this.api.postForm("/api/v1/token/revoke", Map.of("token", "a.b.c")).status()).isEqualTo(200);
	}

	@Test
	void aRevokedAccessTokenIsRefused() {
		TestUser user = this.api.newUser("revokeat");
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).status()).isEqualTo(200);
		assertThat(this.api.postForm("/api/v1/token/revoke", Map.of("token", user.accessToken())).status())
			.isEqualTo(200);
		Response refused = this.api.get("/api/v1/users/me", user.accessToken());
		assertProblem(refused, 401);
		assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
	}

	// GET and PATCH /users/me

	@Test
	void meNeedsATokenAndShowsOnesOwnProfile() {
		Response anonymous = this.api.get("/api/v1/users/me", null);
		assertProblem(anonymous, 401);
		assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertProblem(this.api.get("/api/v1/users/me", "not.a.jwt"), 401);
		TestUser user = this.api.newUser("me");
		Response me = this.api.get("/api/v1/users/me", user.accessToken());
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("id").asLong()).isEqualTo(user.id());
		assertThat(me.json().get("username").asString()).isEqualTo(user.username());
	}

	@Test
	void patchingTheProfileIsVisibleOnTheVeryNextReadAndIgnoresRolesAndId() {
		TestUser user = this.api.newUser("patch");
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).json().get("display_name").isNull()).isTrue();
		Response patched = this.api.patchJson("/api/v1/users/me", this.api.json(Api.body("display_name", "New Name",
				"bio", "<i>it</i><script>x</script>", "roles", List.of("ADMIN"), "id", 1)), user.accessToken());
		assertThat(patched.status()).isEqualTo(200);
		JsonNode me = this.api.get("/api/v1/users/me", user.accessToken()).json();
		assertThat(me.get("display_name").asString()).isEqualTo("New Name");
		assertThat(me.get("bio").asString()).isEqualTo("<i>it</i>");
		assertThat(me.get("roles").toString()).isEqualTo("[\"USER\"]");
		assertThat(me.get("id").asLong()).isEqualTo(user.id());
		assertThat(this.api.get("/api/v1/users/" + user.id(), this.adminToken).json().get("display_name").asString())
			.isEqualTo("New Name");
	}

	@Test
	void aNewPasswordNeedsTheRightCurrentPasswordElse400AndNothingChanges() {
		TestUser user = this.api.newUser("chpw");
		Response missing = this.api.patchJson("/api/v1/users/me",
				this.api.json(Api.body("new_password", "brand-new-pass-1", "display_name", "Changed")),
				user.accessToken());
		assertProblem(missing, 400);
		assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("current_password");
		Response wrong = this.api.patchJson("/api/v1/users/me",
				this.api.json(Api.body("new_password", "brand-new-pass-1", "current_password", "wrong-password")),
				user.accessToken());
		assertProblem(wrong, 400);
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).json().get("display_name").isNull()).isTrue();
		assertThat(this.api.login(user.username(), user.password()).status()).isEqualTo(200);

		Response right = this.api.patchJson("/api/v1/users/me",
				this.api.json(Api.body("new_password", "brand-new-pass-1", "current_password", user.password())),
				user.accessToken());
		assertThat(right.status()).isEqualTo(200);
		assertThat(this.api.login(user.username(), "brand-new-pass-1").status()).isEqualTo(200);
		assertThat(this.api.login(user.username(), user.password()).status()).isEqualTo(401);
		assertThat(refresh(user.refreshToken()).status()).as("a password change ends older sessions").isEqualTo(401);
	}

	@Test
	void aNewEmailNeedsTheRightCurrentPassword() {
		TestUser user = this.api.newUser("chmail");
		String email = Api.unique("new") + "@example.test";
		assertProblem(
				this.api.patchJson("/api/v1/users/me", this.api.json(Api.body("email", email)), user.accessToken()),
				400);
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).json().get("email").asString())
			.isEqualTo(user.username().toLowerCase() + "@example.test");
		Response right = this.api.patchJson("/api/v1/users/me",
				this.api.json(Api.body("email", email, "current_password", user.password())), user.accessToken());
		assertThat(right.status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).json().get("email").asString())
			.isEqualTo(email.toLowerCase());
		assertProblem(this.api.patchJson("/api/v1/users/me", this.api.json(Api.body("email", "not-an-email")),
				user.accessToken()), 400);
	}

	// GET /users (keyset pages) and /users/stream

	@Test
	void adminsPageThroughUsersByIdWithANamePrefix() {
		String prefix = Api.unique("Page");
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(this.api.register(prefix + "x" + i, "long-enough-1").json().get("id").asLong());
		}
		this.api.register(prefix.toLowerCase() + "x9", "long-enough-1");
		List<Long> seen = new ArrayList<>();
		String after = "0";
		int pages = 0;
		while (after != null) {
			Response page = this.api.get("/api/v1/users?name=" + prefix + "&limit=2&after=" + after, this.adminToken);
			assertThat(page.status()).isEqualTo(200);
			JsonNode items = page.json().get("items");
			for (int i = 0; i < items.size(); i++) {
				seen.add(items.get(i).get("id").asLong());
				assertThat(items.get(i).get("username").asString()).startsWith(prefix);
			}
			JsonNode next = page.json().get("next_after");
			after = next.isNull() ? null : next.asString();
			pages++;
		}
		assertThat(seen).as("case-sensitive prefix, ordered by id").isEqualTo(ids);
		assertThat(pages).isEqualTo(3);
		JsonNode all = this.api.get("/api/v1/users?limit=100", this.adminToken).json();
		assertThat(all.get("items").size()).isBetween(1, 100);
	}

	@Test
	void aNewUserIsOnTheVeryNextListPage() {
		String prefix = Api.unique("Fresh");
		this.api.register(prefix + "a", "long-enough-1");
		assertThat(this.api.get("/api/v1/users?name=" + prefix, this.adminToken).json().get("items").size())
			.isEqualTo(1);
		this.api.register(prefix + "b", "long-enough-1");
		assertThat(this.api.get("/api/v1/users?name=" + prefix, this.adminToken).json().get("items").size())
			.isEqualTo(2);
	}

	@Test
	void badPageParametersAre400NotClamped() {
		for (String query : List.of("limit=0", "limit=101", "limit=-5", "after=-1", "after=abc", "limit=abc",
				"name=%27%20OR%201%3D1--", "name=a%25", "name=" + "n".repeat(51))) {
			assertProblem(this.api.get("/api/v1/users?" + query, this.adminToken), 400);
		}
		assertThat(this.api.get("/api/v1/users?limit=1", this.adminToken).json().get("items").size()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/users?limit=100", this.adminToken).status()).isEqualTo(200);
	}

	@Test
	void listingAndStreamingNeedAdmin() {
		TestUser user = this.api.newUser("nolist");
		Response list = this.api.get("/api/v1/users", user.accessToken());
		assertProblem(list, 403);
		assertThat(list.header("WWW-Authenticate")).contains("insufficient_scope");
		assertProblem(this.api.get("/api/v1/users/stream", user.accessToken()), 403);
		assertProblem(this.api.get("/api/v1/users", null), 401);
	}

	@Test
	void theStreamIsNdjsonOfUsersOrderedById() {
		String prefix = Api.unique("Stream");
		for (int i = 0; i < 3; i++) {
			this.api.register(prefix + i, "long-enough-1");
		}
		Response stream = this.api.get("/api/v1/users/stream?name=" + prefix, this.adminToken);
		assertThat(stream.status()).isEqualTo(200);
		assertThat(stream.header("Content-Type")).startsWith("application/x-ndjson");
		String[] lines = stream.body().split("\n");
		assertThat(lines).hasSize(3);
		long previous = 0;
		for (String line : lines) {
			JsonNode user = stream.mapper().readTree(line);
			assertThat(user.get("username").asString()).startsWith(prefix);
			assertThat(user.get("roles").toString()).isEqualTo("[\"USER\"]");
			assertThat(user.has("password_hash")).isFalse();
			assertThat(user.get("id").asLong()).isGreaterThan(previous);
			previous = user.get("id").asLong();
		}
		assertProblem(this.api.get("/api/v1/users/stream?name=%27%20OR%201%3D1--", this.adminToken), 400);
	}

	// GET /users/{id}

	@Test
	void aUserSeesOnlyThemselvesAndAnAdminSeesAnyone() {
		TestUser alice = this.api.newUser("alice");
		TestUser bob = this.api.newUser("bob");
		assertThat(this.api.get("/api/v1/users/" + alice.id(), alice.accessToken()).status()).isEqualTo(200);
		Response other = this.api.get("/api/v1/users/" + bob.id(), alice.accessToken());
		Response unknown = this.api.get("/api/v1/users/987654321", alice.accessToken());
		assertProblem(other, 404);
		assertProblem(unknown, 404);
		assertThat(other.json().get("detail")).isEqualTo(unknown.json().get("detail"));
		assertThat(this.api.get("/api/v1/users/" + bob.id(), this.adminToken).json().get("username").asString())
			.isEqualTo(bob.username());
		assertProblem(this.api.get("/api/v1/users/987654321", this.adminToken), 404);
		assertProblem(this.api.get("/api/v1/users/1%20OR%201=1", this.adminToken), 400);
		assertProblem(this.api.get("/api/v1/users/" + bob.id(), null), 401);
	}

	// PUT /users/{id}/roles

	@Test
	void anAdminChangesRolesAndTheNextTokenCarriesThem() {
		TestUser user = this.api.newUser("promote");
		Response promoted = this.api.putJson("/api/v1/users/" + user.id() + "/roles",
				this.api.json(Api.body("roles", List.of("USER", "ADMIN"))), this.adminToken);
		assertThat(promoted.status()).isEqualTo(200);
		assertThat(promoted.json().get("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
		assertThat(this.api.get("/api/v1/users/" + user.id(), this.adminToken).json().get("roles").toString())
			.isEqualTo("[\"USER\",\"ADMIN\"]");
		String newToken = refresh(user.refreshToken()).json().get("access_token").asString();
		assertThat(this.api.get("/api/v1/users?limit=1", newToken).status()).isEqualTo(200);
		Response demoted = this.api.putJson("/api/v1/users/" + user.id() + "/roles",
				this.api.json(Api.body("roles", List.of("USER"))), this.adminToken);
		assertThat(demoted.json().get("roles").toString()).isEqualTo("[\"USER\"]");
	}

	@Test
	void aUserCannotChangeRoles() {
		TestUser user = this.api.newUser("selfpromote");
		Response response = this.api.putJson("/api/v1/users/" + user.id() + "/roles",
				this.api.json(Api.body("roles", List.of("ADMIN"))), user.accessToken());
		assertProblem(response, 403);
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).json().get("roles").toString())
			.isEqualTo("[\"USER\"]");
	}

	@Test
	void badRoleChangesAre400() {
		TestUser user = this.api.newUser("badroles");
		String path = "/api/v1/users/" + user.id() + "/roles";
		assertProblem(this.api.putJson(path, "{\"roles\": [\"SUPERUSER\"]}", this.adminToken), 400);
		assertProblem(this.api.putJson(path, "{\"roles\": []}", this.adminToken), 400);
		assertProblem(this.api.putJson(path, "{\"roles\": [null]}", this.adminToken), 400);
		assertProblem(this.api.putJson(path, "{}", this.adminToken), 400);
		assertProblem(this.api.putJson(path, "{\"roles\": \"ADMIN\"", this.adminToken), 400);
		assertProblem(this.api.putJson("/api/v1/users/987654321/roles", "{\"roles\": [\"USER\"]}", this.adminToken),
				404);
	}

	@Test
	void theLastAdminCanBeNeitherDemotedNorDeleted() {
		long adminId = this.api.get("/api/v1/users/me", this.adminToken).json().get("id").asLong();
		assertProblem(
				this.api.putJson("/api/v1/users/" + adminId + "/roles", "{\"roles\": [\"USER\"]}", this.adminToken),
				409);
		assertProblem(this.api.delete("/api/v1/users/" + adminId, this.adminToken), 409);
		assertThat(this.api.get("/api/v1/users/me", this.adminToken).json().get("roles").toString()).contains("ADMIN");
	}

	// authority freshness

	@Test
	void aDemotedAdminsOldTokenCannotPromoteThemselvesBack() {
		TestUser a = newAdmin("demoted");
		TestUser b = newAdmin("demoter");
		assertThat(this.api.putJson(rolesOf(a), this.api.json(Api.body("roles", List.of("USER"))), b.accessToken())
			.status()).isEqualTo(200);
		Response attack = this.api.putJson(rolesOf(a), this.api.json(Api.body("roles", List.of("USER", "ADMIN"))),
				a.accessToken());
		assertProblem(attack, 401);
		assertThat(attack.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
		assertProblem(this.api.delete("/api/v1/users/" + b.id(), a.accessToken()), 401);
		assertThat(this.api.get("/api/v1/users/" + a.id(), this.adminToken).json().get("roles").toString())
			.isEqualTo("[\"USER\"]");
		assertThat(this.api.get("/api/v1/users/" + b.id(), this.adminToken).status()).isEqualTo(200);
		String fresh = this.api.token(a.username(), a.password());
		assertThat(this.api.get("/api/v1/users/me", fresh).json().get("roles").toString()).isEqualTo("[\"USER\"]");
		assertProblem(this.api.putJson(rolesOf(a), this.api.json(Api.body("roles", List.of("ADMIN"))), fresh), 403);
	}

	@Test
	void twoAdminsDemotingEachOtherWithTheirOldTokensLeaveTheSecondRefused() {
		TestUser a = newAdmin("mutual-a");
		TestUser b = newAdmin("mutual-b");
		assertThat(this.api.putJson(rolesOf(b), this.api.json(Api.body("roles", List.of("USER"))), a.accessToken())
			.status()).isEqualTo(200);
		Response second = this.api.putJson(rolesOf(a), this.api.json(Api.body("roles", List.of("USER"))),
				b.accessToken());
		assertProblem(second, 401);
		assertThat(second.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
		assertThat(this.api.get("/api/v1/users/me", a.accessToken()).json().get("roles").toString()).contains("ADMIN");
	}

	@Test
	void aPasswordChangeEndsTheOldAccessTokenAndALoginRightAfterItWorks() {
		TestUser user = this.api.newUser("pwtoken");
		String other = this.api.token(user.username(), user.password());
		Response changed = this.api.patchJson("/api/v1/users/me",
				this.api.json(Api.body("new_password", "brand-new-pass-2", "current_password", user.password())),
				user.accessToken());
		assertThat(changed.status()).isEqualTo(200);
		for (String old : List.of(user.accessToken(), other)) {
			Response refused = this.api.get("/api/v1/users/me", old);
			assertProblem(refused, 401);
			assertThat(refused.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
		}
		// issued in the same second as the change, yet after it: accepted
		String fresh = this.api.token(user.username(), "brand-new-pass-2");
		assertThat(this.api.get("/api/v1/users/me", fresh).status()).isEqualTo(200);
	}

	@Test
	void aRoleChangeToTheSameRolesKeepsTheTokensValid() {
		TestUser user = this.api.newUser("same");
		assertThat(this.api.putJson(rolesOf(user), this.api.json(Api.body("roles", List.of("USER"))), this.adminToken)
			.status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).status()).isEqualTo(200);
	}

	TestUser newAdmin(String prefix) {
		TestUser user = this.api.newUser(prefix);
		this.extraAdmins.add(user.id());
		assertThat(this.api
			.putJson(rolesOf(user), this.api.json(Api.body("roles", List.of("USER", "ADMIN"))), this.adminToken)
			.status()).isEqualTo(200);
		Response login = this.api.login(user.username(), user.password());
		return new TestUser(user.id(), user.username(), user.password(), login.json().get("access_token").asString(),
				login.json().get("refresh_token").asString());
	}

	static String rolesOf(TestUser user) {
		return "/api/v1/users/" + user.id() + "/roles";
	}

	// DELETE /users/{id}

	@Test
	void deletingAUserEndsTheirTokens() {
		TestUser user = this.api.newUser("gone");
		assertThat(this.api.get("/api/v1/users/me", user.accessToken()).status()).isEqualTo(200);
		assertThat(this.api.delete("/api/v1/users/" + user.id(), this.adminToken).status()).isEqualTo(204);
		Response afterwards = this.api.get("/api/v1/users/me", user.accessToken());
		assertProblem(afterwards, 401);
		assertThat(afterwards.header("WWW-Authenticate")).contains("invalid_token");
		assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);
		assertThat(this.api.login(user.username(), user.password()).status()).isEqualTo(401);
		assertProblem(this.api.get("/api/v1/users/" + user.id(), this.adminToken), 404);
		assertProblem(this.api.delete("/api/v1/users/" + user.id(), this.adminToken), 404);
	}

	@Test
	void aUserCannotDeleteAnyone() {
		TestUser user = this.api.newUser("nodelete");
		TestUser other = this.api.newUser("victim");
		assertProblem(this.api.delete("/api/v1/users/" + other.id(), user.accessToken()), 403);
		assertProblem(this.api.delete("/api/v1/users/" + user.id(), user.accessToken()), 403);
		assertThat(this.api.get("/api/v1/users/" + other.id(), this.adminToken).status()).isEqualTo(200);
	}

	// actuator

	@Test
	void healthIsPublicAndShowsOnlyTheStatus() {
		Response health = this.api.get("/actuator/health", null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().has("components")).as(health.body()).isFalse();
		assertThat(health.json().has("details")).as(health.body()).isFalse();
		assertThat(health.body()).as("no component names").doesNotContain("db", "redis", "diskSpace", "ping");
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusIsForAdminsOnly() {
		TestUser user = this.api.newUser("metrics");
		assertProblem(this.api.get("/actuator/prometheus", null), 401);
		assertProblem(this.api.get("/actuator/prometheus", user.accessToken()), 403);
		Response metrics = this.api.get("/actuator/prometheus", this.adminToken);
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void responsesCarryTheKitsSecurityHeaders() {
		Response response = this.api.get("/api/v1/users/me", this.adminToken);
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
		assertThat(response.header("Cache-Control")).contains("no-store");
		assertThat(response.header("X-Request-Id")).isNotBlank();
		assertThat(response.header("Server")).isNull();
	}

	// login guard

	@Test
	void theSixthLoginAfterFiveFailuresIs429EvenWithTheRightPassword() {
		TestUser user = this.api.newUser("guess");
		for (int i = 0; i < 5; i++) {
			assertThat(this.api.login(user.username(), "wrong-" + i).status()).isEqualTo(401);
		}
		Response refused = this.api.login(user.username(), user.password());
		assertProblem(refused, 429);
		assertThat(refused.header("Retry-After")).isNotBlank();
	}

	Response refresh(String refreshToken) {
		return this.api.postForm("/api/v1/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	private void assertInvalid(Map<String, ?> request, String field) {
		Response response = this.api.postJson("/api/v1/users", this.api.json(request), null);
		assertProblem(response, 400);
		assertThat(response.json().get("errors").toString()).contains("\"field\":\"" + field + "\"");
	}

	static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.has("title")).isTrue();
		assertThat(problem.has("instance")).isTrue();
		assertThat(response.body()).doesNotContain("Exception", "at org.", "SQL", "select ", "SELECT ");
	}

}
