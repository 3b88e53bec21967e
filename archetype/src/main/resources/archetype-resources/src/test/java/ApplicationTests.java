package ${package};

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.web.SecurityFilterChain;

import dev.secureapi.security.jwt.TokenService;
import dev.secureapi.security.jwt.VerifiedToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application starts with its embedded defaults, with the schema migrated and the starter's token
 * service in place.
 */
@SpringBootTest
class ApplicationTests {

	@Autowired
	private TokenService tokens;

	@Autowired
	private Flyway flyway;

	@Autowired
	private List<SecurityFilterChain> filterChains;

	@Test
	void startsWithTheSchemaMigrated() {
		assertThat(this.flyway.info().pending()).isEmpty();
		assertThat(this.flyway.info().applied()).isNotEmpty();
	}

	@Test
	void hasExactlyTheApplicationsSecurityFilterChain() {
		assertThat(this.filterChains).hasSize(1);
	}

	@Test
	void acceptsTheTokensItIssues() {
		String token = this.tokens.issueAccessToken("42", List.of("USER")).value();
		VerifiedToken verified = this.tokens.verify(token);
		assertThat(verified.subject()).isEqualTo("42");
		assertThat(verified.roles()).containsExactly("USER");
	}

}
