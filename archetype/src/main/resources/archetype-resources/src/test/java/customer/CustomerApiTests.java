package ${package}.customer;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import dev.secureapi.security.jwt.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer API over real HTTP: what a client without a token, with a token and with invalid input gets.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CustomerApiTests {

	private static final String CUSTOMERS = "/api/v1/customers";

	@LocalServerPort
	private int port;

	@Autowired
	private TokenService tokens;

	@Autowired
	private JdbcTemplate jdbc;

	private RestClient http = RestClient.create();

	private String token = "";

	@BeforeEach
	void setUp() {
		this.http = RestClient.builder().baseUrl("http://localhost:" + this.port).build();
		this.token = this.tokens.issueAccessToken("1", List.of("USER")).value();
	}

	@Test
	void requestWithoutTokenIsRefusedWith401Problem() {
		ResponseEntity<JsonNode> response = call(HttpMethod.GET, CUSTOMERS, null, null);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void forgedTokenIsRefusedWith401() {
		String forged = this.token.substring(0, this.token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
		assertThat(call(HttpMethod.GET, CUSTOMERS, forged, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void requestWithTokenIsAnswered200() {
		ResponseEntity<JsonNode> response = call(HttpMethod.GET, CUSTOMERS, this.token, null);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isNotNull();
		assertThat(response.getBody().get("items").isArray()).isTrue();
	}

	@Test
	void invalidCustomerIsRefusedWith400NamingTheInvalidFields() {
		ResponseEntity<JsonNode> response = call(HttpMethod.POST, CUSTOMERS, this.token,
				"{\"name\": \"\", \"email\": \"not an address\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).isNotNull();
		assertThat(response.getBody().get("errors").findValuesAsString("field")).contains("name", "email");
	}

	@Test
	void pageSizeOutsideItsRangeIsRefusedWith400() {
		assertThat(call(HttpMethod.GET, CUSTOMERS + "?limit=0", this.token, null).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(call(HttpMethod.GET, CUSTOMERS + "?limit=101", this.token, null).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void createdCustomerIsReadBackAndATakenAddressIsRefusedWith409() {
		String body = "{\"name\": \"Ada\", \"email\": \"ada-created@example.com\"}";
		ResponseEntity<JsonNode> created = call(HttpMethod.POST, CUSTOMERS, this.token, body);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody()).isNotNull();
		long id = created.getBody().get("id").asLong();
		ResponseEntity<JsonNode> read = call(HttpMethod.GET, CUSTOMERS + "/" + id, this.token, null);
		assertThat(read.getBody()).isNotNull();
		assertThat(read.getBody().get("email").asString()).isEqualTo("ada-created@example.com");
		assertThat(call(HttpMethod.POST, CUSTOMERS, this.token, body).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void emailIsStoredEncryptedAndComparedThroughItsBlindIndex() {
		String body = "{\"name\": \"Grace\", \"email\": \"grace-stored@example.com\"}";
		ResponseEntity<JsonNode> created = call(HttpMethod.POST, CUSTOMERS, this.token, body);
		assertThat(created.getBody()).isNotNull();
		long id = created.getBody().get("id").asLong();
		String stored = this.jdbc.queryForObject("select email from customers where id = ?", String.class, id);
		assertThat(stored).doesNotContain("grace").startsWith("saf:");
		String sameAddressOtherCase = "{\"name\": \"G\", \"email\": \"GRACE-stored@example.com\"}";
		assertThat(call(HttpMethod.POST, CUSTOMERS, this.token, sameAddressOtherCase).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void keysetPagesWalkEveryCustomerOnce() {
		for (int i = 0; i < 5; i++) {
			String body = "{\"name\": \"Customer " + i + "\", \"email\": \"paged-" + i + "@example.com\"}";
			assertThat(call(HttpMethod.POST, CUSTOMERS, this.token, body).getStatusCode())
				.isEqualTo(HttpStatus.CREATED);
		}
		List<String> seen = new ArrayList<>();
		long after = 0;
		while (true) {
			JsonNode page = call(HttpMethod.GET, CUSTOMERS + "?limit=2&after=" + after, this.token, null).getBody();
			assertThat(page).isNotNull();
			assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
			page.get("items").forEach((item) -> seen.add(item.get("email").asString()));
			if (page.get("next_after").isNull()) {
				break;
			}
			after = page.get("next_after").asLong();
		}
		assertThat(seen).filteredOn((email) -> email.startsWith("paged-"))
			.containsExactly("paged-0@example.com", "paged-1@example.com", "paged-2@example.com",
					"paged-3@example.com", "paged-4@example.com");
	}

	@Test
	void unknownCustomerIsAnswered404() {
		assertThat(call(HttpMethod.GET, CUSTOMERS + "/999999", this.token, null).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	private ResponseEntity<JsonNode> call(HttpMethod method, String path, @Nullable String bearer,
			@Nullable String json) {
		RestClient.RequestBodySpec request = this.http.method(method).uri(path).headers((headers) -> {
			if (bearer != null) {
				headers.setBearerAuth(bearer);
			}
		});
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(json);
		}
		return request.retrieve().onStatus((status) -> true, (req, res) -> {
		}).toEntity(JsonNode.class);
	}

}
