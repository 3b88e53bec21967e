package dev.secureapi.security.jwt;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.secureapi.security.production.ProductionFinding;

import static org.assertj.core.api.Assertions.assertThat;

class JwtProductionCheckTests {

	@Test
	void wellConfiguredServiceHasNoFindings() {
		JwtProperties properties = Tokens.secret(TestKeys.SECRET);
		properties.setIssuer("https://api.example");
		properties.setAudience("api");
		properties.setRefreshStore(JwtProperties.RefreshStore.JDBC);
		assertThat(new JwtProductionCheck(properties).check()).isEmpty();
	}

	@Test
	void missingKeyIssuerAudienceAndInMemoryStoreAreReported() {
		assertThat(ids(new JwtProperties())).containsExactlyInAnyOrder("jwt.key-missing", "jwt.issuer-missing",
				"jwt.audience-missing", "jwt.refresh-store-memory");
	}

	@Test
	void sampleAndShortSecretsAreReported() {
		assertThat(ids(Tokens.secret("your-256-bit-secret"))).contains("jwt.secret-weak");
		assertThat(ids(Tokens.secret("short"))).contains("jwt.secret-weak");
		JwtProperties keyed = new JwtProperties();
		JwtProperties.Key key = new JwtProperties.Key();
		key.setId("k");
		key.setSecret("changeme");
		keyed.setKeys(List.of(key));
		assertThat(new JwtProductionCheck(keyed).check())
			.anySatisfy((finding) -> assertThat(finding.problem()).contains("secure-api.jwt.keys[0].secret"));
	}

	@Test
	void accessTokenLifetimeOverAnHourIsReported() {
		JwtProperties properties = Tokens.secret(TestKeys.SECRET);
		properties.setAccessTokenTtl(Duration.ofHours(2));
		assertThat(ids(properties)).contains("jwt.access-token-ttl-long");
		properties.setAccessTokenTtl(Duration.ofHours(1));
		assertThat(ids(properties)).doesNotContain("jwt.access-token-ttl-long");
	}

	private static List<String> ids(JwtProperties properties) {
		return new JwtProductionCheck(properties).check().stream().map(ProductionFinding::id).toList();
	}

}
