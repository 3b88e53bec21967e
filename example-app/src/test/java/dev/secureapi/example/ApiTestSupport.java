package dev.secureapi.example;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.secureapi.test.TestServices;

/**
 * Settings every API test context shares.
 */
public final class ApiTestSupport {

	/** The start-up administrator's user name. */
	public static final String ADMIN = "boss";

	/** The start-up administrator's password. */
	public static final String ADMIN_PASSWORD = "Correct-Horse-Battery-9";

	/**
	 * The properties: a bootstrap administrator, a user check that always asks the
	 * database (so a deletion shows at once, not within the default 30 s), and an API
	 * rate limit high enough for a test run.
	 */
	public static final String[] PROPERTIES = { "app.admin.username=" + ADMIN, "app.admin.password=" + ADMIN_PASSWORD,
			"secure-api.jwt.user-check-ttl=0s", "secure-api.jwt.secret=test-secret-with-at-least-32-bytes-of-entropy!",
			"secure-api.rate-limit.policies[0].name=api", "secure-api.rate-limit.policies[0].paths[0]=/api/**",
			"secure-api.rate-limit.policies[0].limits[0].capacity=1000000",
			"secure-api.rate-limit.policies[0].limits[0].period=1m",
			"secure-api.crypto.local.master-key=ZXhhbXBsZS1hcHAgdGVzdCBtYXN0ZXIga2V5IDMyYiE=",
			"secure-api.crypto.blind-index.key=ZXhhbXBsZS1hcHAgdGVzdCBibGluZCBpbmRleCAzMiE=" };

	/**
	 * The production findings the prod-profile tests accept: there is no KMS or Vault on
	 * a test machine, so field encryption uses the local provider with a fixed test key.
	 */
	public static final String PROD_TEST_IGNORED_FINDINGS = "crypto.development-key";

	/**
	 * Adds {@link #PROPERTIES} to a test context.
	 * @param registry the test's registry
	 */
	public static void register(DynamicPropertyRegistry registry) {
		for (String property : PROPERTIES) {
			int equals = property.indexOf('=');
			String value = property.substring(equals + 1);
			registry.add(property.substring(0, equals), () -> value);
		}
	}

	/**
	 * Points a test context at a new PostgreSQL database.
	 * @param registry the test's registry
	 */
	public static void registerPostgres(DynamicPropertyRegistry registry) {
		String url = TestServices.postgres().createDatabase();
		registry.add("spring.datasource.url", () -> url);
		if (TestServices.postgres().username() != null) {
			registry.add("spring.datasource.username", () -> TestServices.postgres().username());
			registry.add("spring.datasource.password", () -> TestServices.postgres().password());
		}
	}

	private ApiTestSupport() {
	}

}
