package dev.secureapi.crypto.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.FieldContext;
import dev.secureapi.crypto.JdbcDataKeyStore;
import dev.secureapi.crypto.blindindex.BlindIndexer;
import dev.secureapi.crypto.jpa.Customer;
import dev.secureapi.crypto.jpa.CustomerRepository;
import dev.secureapi.crypto.provider.KmsClientCustomizer;
import dev.secureapi.crypto.support.FakeKmsServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP: a key provider (the real AWS SDK client against an in-process KMS
 * endpoint) that fails makes the API answer 503 problem+json and store nothing; a
 * tampered stored value makes it answer a generic 500.
 */
@SpringBootTest(classes = ProviderFailureHttpTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderFailureHttpTests {

	private static final FakeKmsServer kms = start();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * While set, the key table's connections fail, as a database that went away at that
	 * moment.
	 */
	private static final AtomicBoolean keyTableDown = new AtomicBoolean();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataKeyManager keys;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:web-" + java.util.UUID.randomUUID());
		registry.add("spring.flyway.locations", () -> "classpath:db/secure-api-crypto,classpath:db/crypto-test");
		registry.add("spring.jpa.hibernate.ddl-auto", () -> "none");
		registry.add("secure-api.crypto.provider", () -> "aws-kms");
		registry.add("secure-api.crypto.aws-kms.key-id", () -> FakeKmsServer.KEY_ARN);
		registry.add("secure-api.crypto.aws-kms.region", () -> "eu-west-1");
		registry.add("secure-api.crypto.aws-kms.endpoint", () -> kms.endpoint().toString());
	}

	@AfterEach
	void heal() {
		kms.failAlways(0, null);
		keyTableDown.set(false);
	}

	@AfterAll
	static void stop() {
		kms.close();
	}

	@Test
	void healthyProviderStoresAndReadsTheCustomer() throws Exception {
		HttpResponse<String> created = post("alice@example.com");
		assertThat(created.statusCode()).isEqualTo(201);
		HttpResponse<String> read = get(created.body());
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(read.body()).path("email").asString()).isEqualTo("alice@example.com");
	}

	@Test
	void failingProviderOnWriteAnswers503ProblemAndStoresNothing() throws Exception {
		this.keys.clearCache();
		int keysBefore = count("secure_api_data_key");
		int customersBefore = count("customers");
		kms.failAlways(500, "KMSInternalException");
		HttpResponse<String> response = post("bob@example.com");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).contains("5");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(503);
		assertThat(problem.path("instance").asString()).isEqualTo("/customers");
		assertThat(problem.path("detail").asString()).doesNotContain("KMS").doesNotContain("bob");
		assertThat(response.body()).doesNotContain("bob@example.com").doesNotContain("Exception");
		assertThat(count("customers")).isEqualTo(customersBefore);
		assertThat(count("secure_api_data_key")).isEqualTo(keysBefore);
	}

	@Test
	void failingDataKeyInsertAnswers503ProblemStoresNothingAndTheKeyIsNeverUsed() throws Exception {
		this.keys.clearCache();
		int keysBefore = count("secure_api_data_key");
		int customersBefore = count("customers");
		keyTableDown.set(true);
		HttpResponse<String> response = post("erin@example.com");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).contains("5");
		assertThat(response.body()).doesNotContain("erin").doesNotContain("Exception");
		assertThat(count("customers")).isEqualTo(customersBefore);
		assertThat(count("secure_api_data_key")).isEqualTo(keysBefore);
		assertThat(this.keys.activeKeyId()).isEmpty();

		keyTableDown.set(false);
		String id = post("erin@example.com").body();
		String stored = this.jdbc.queryForObject("SELECT email FROM customers WHERE id = ?", String.class,
				Long.valueOf(id));
		// the value is under a key that is in the table
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM secure_api_data_key WHERE id = ?", Integer.class,
				dev.secureapi.crypto.FieldEncryptor.keyIdOf(stored).toString()))
			.isOne();
		this.keys.clearCache();
		assertThat(JSON.readTree(get(id).body()).path("email").asString()).isEqualTo("erin@example.com");
	}

	@Test
	void failingProviderOnReadOfAnUncachedKeyAnswers503() throws Exception {
		String id = post("carol@example.com").body();
		this.keys.clearCache();
		kms.failAlways(400, "ThrottlingException");
		HttpResponse<String> response = get(id);
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(503);
	}

	@Test
	void tamperedStoredValueAnswersGeneric500WithoutTheValue() throws Exception {
		String id = post("dave@example.com").body();
		this.jdbc.update("UPDATE customers SET email = phone WHERE id = ?", Long.valueOf(id));
		HttpResponse<String> response = get(id);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).doesNotContain("saf:").doesNotContain("dave").doesNotContain("Exception");
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

	private HttpResponse<String> post(String email) throws IOException, InterruptedException {
		String body = JSON.writeValueAsString(Map.of("name", "N", "email", email, "phone", "+1 555 0100"));
		return this.http.send(HttpRequest.newBuilder(uri("/customers"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String id) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri("/customers/" + id)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static FakeKmsServer start() {
		try {
			return new FakeKmsServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EntityScan(basePackageClasses = Customer.class)
	@EnableJpaRepositories(basePackageClasses = CustomerRepository.class)
	static class App {

		@Bean
		SecurityFilterChain openChain(HttpSecurity http) throws Exception {
			return http.csrf((csrf) -> csrf.disable())
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
		}

		@Bean
		JdbcDataKeyStore keyTable(DataSource dataSource) {
			return new JdbcDataKeyStore(new DelegatingDataSource(dataSource) {

				@Override
				public Connection getConnection() throws SQLException {
					if (keyTableDown.get()) {
						throw new SQLTransientConnectionException("Connection refused", "08001");
					}
					return super.getConnection();
				}

			});
		}

		@Bean
		KmsClientCustomizer testCredentials() {
			return (builder) -> builder.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
		}

		@Bean
		CustomerController customerController(CustomerRepository customers, BlindIndexer indexer) {
			return new CustomerController(customers, indexer);
		}

	}

	@RestController
	static class CustomerController {

		private final CustomerRepository customers;

		private final BlindIndexer indexer;

		CustomerController(CustomerRepository customers, BlindIndexer indexer) {
			this.customers = customers;
			this.indexer = indexer;
		}

		@PostMapping("/customers")
		ResponseEntity<String> create(@RequestBody Map<String, String> body) {
			Customer customer = this.customers.save(new Customer(body.get("name"), body.get("email"),
					this.indexer.exactIndex(new FieldContext("customers", "email"), body.get("email")),
					body.get("phone")));
			return ResponseEntity.status(HttpStatus.CREATED).body(String.valueOf(customer.getId()));
		}

		@GetMapping("/customers/{id}")
		Map<String, Object> read(@PathVariable Long id) {
			Customer customer = this.customers.findById(id).orElseThrow();
			return Map.of("name", customer.getName(), "email", customer.getEmail());
		}

	}

}
