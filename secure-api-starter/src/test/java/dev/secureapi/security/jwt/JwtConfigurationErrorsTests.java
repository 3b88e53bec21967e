package dev.secureapi.security.jwt;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JWT setting that cannot work stops start-up as Spring Boot reports an invalid
 * property: naming the property, its value and what is wrong.
 */
class JwtConfigurationErrorsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class))
		.withPropertyValues("secure-api.jwt.secret=" + TestKeys.SECRET);

	@Test
	void aJdbcRefreshStoreWithoutADataSourceIsReportedAsAnInvalidRefreshStore() {
		this.runner.withPropertyValues("secure-api.jwt.refresh-store=jdbc").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("secure-api.jwt.refresh-store");
					assertThat(ex.getValue()).isEqualTo("jdbc");
					assertThat(ex.getReason()).contains("DataSource", "spring-boot-starter-jdbc");
				});
		});
	}

	@Test
	void aNegativeUserCheckTtlIsReportedAsInvalid() {
		this.runner.withPropertyValues("secure-api.jwt.user-check-ttl=-1s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("secure-api.jwt.user-check-ttl")));
	}

	@Test
	void aJwkSetUriThatIsNotAnHttpUriIsReportedAsInvalid() {
		this.runner.withPropertyValues("secure-api.jwt.jwk-set-uri=idp.example/jwks").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("secure-api.jwt.jwk-set-uri");
					assertThat(ex.getValue()).isEqualTo("idp.example/jwks");
				});
		});
		this.runner.withPropertyValues("secure-api.jwt.jwk-set-uri=https://idp example/jwks")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class));
	}

}
