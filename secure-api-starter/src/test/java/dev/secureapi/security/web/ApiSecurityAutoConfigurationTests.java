package dev.secureapi.security.web;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import dev.secureapi.security.authentication.AuthenticationService;
import dev.secureapi.security.authentication.AuthenticationServiceAutoConfiguration;
import dev.secureapi.security.authentication.UserAccount;
import dev.secureapi.security.authentication.UserAccountService;
import dev.secureapi.security.jwt.AccessTokenVerifier;
import dev.secureapi.security.jwt.InvalidJwtKeyException;
import dev.secureapi.security.jwt.JdbcRefreshTokenStore;
import dev.secureapi.security.jwt.JwtAutoConfiguration;
import dev.secureapi.security.jwt.JwtTestSupport;
import dev.secureapi.security.jwt.RefreshTokenStore;
import dev.secureapi.security.jwt.RevokedTokenStore;
import dev.secureapi.security.jwt.TestKeys;
import dev.secureapi.security.jwt.TokenService;
import dev.secureapi.security.jwt.TokenUserValidator;
import dev.secureapi.security.password.LengthLimitingPasswordEncoder;
import dev.secureapi.security.password.PasswordEncoderAutoConfiguration;
import dev.secureapi.security.problem.ProblemDetailsAutoConfiguration;
import dev.secureapi.security.production.ProductionCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ApiSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ProblemDetailsAutoConfiguration.class,
				JwtAutoConfiguration.class, PasswordEncoderAutoConfiguration.class,
				AuthenticationServiceAutoConfiguration.class, ApiSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("secure-api.jwt.secret=" + TestKeys.SECRET);

	@Test
	void defaultsGiveTheChainTokenServiceInMemoryStoresAndPasswordEncoder() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("secureApiSecurityFilterChain");
			assertThat(context).hasSingleBean(TokenService.class);
			assertThat(context).hasSingleBean(AccessTokenVerifier.class);
			assertThat(context).hasSingleBean(RefreshTokenStore.class).hasBean("inMemoryRefreshTokenStore");
			assertThat(context).hasSingleBean(RevokedTokenStore.class).hasBean("inMemoryRevokedTokenStore");
			assertThat(context).hasBean("jwtProductionCheck");
			assertThat(context).hasSingleBean(ProblemAuthenticationHandler.class);
			assertThat(context.getBean(PasswordEncoder.class)).isInstanceOf(LengthLimitingPasswordEncoder.class);
			assertThat(context).doesNotHaveBean(AuthenticationService.class);
		});
	}

	@Test
	void withoutAnyKeyTheServiceStillStartsWithARandomDevelopmentKey() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TokenService tokens = context.getBean(TokenService.class);
				String token = tokens.issueAccessToken("1", List.of("USER")).value();
				assertThat(tokens.verify(token).subject()).isEqualTo("1");
				assertThat(context.getBean("jwtProductionCheck", ProductionCheck.class).check())
					.anySatisfy((finding) -> assertThat(finding.id()).isEqualTo("jwt.key-missing"));
			});
	}

	@Test
	void defaultChainBacksOffWhenTheApplicationDefinesOne() {
		this.runner.withUserConfiguration(UserChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("secureApiSecurityFilterChain");
			assertThat(context).hasBean("userChain");
			assertThat(context).hasSingleBean(TokenService.class);
		});
	}

	@Test
	void applicationThatAlsoEnablesMethodSecurityStarts() {
		this.runner.withUserConfiguration(OwnMethodSecurity.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void securityOffSwitchRemovesTheKitsChainAndHandlers() {
		this.runner.withPropertyValues("secure-api.security.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("secureApiSecurityFilterChain");
			assertThat(context).doesNotHaveBean(ProblemAuthenticationHandler.class);
		});
	}

	@Test
	void jwtOffSwitchRemovesTokensAndTheBearerChain() {
		this.runner.withPropertyValues("secure-api.jwt.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TokenService.class);
			assertThat(context).doesNotHaveBean(AccessTokenVerifier.class);
			assertThat(context).doesNotHaveBean("secureApiSecurityFilterChain");
		});
	}

	@Test
	void passwordOffSwitchRemovesTheEncoder() {
		this.runner.withPropertyValues("secure-api.password.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PasswordEncoder.class));
	}

	@Test
	void secretShorterThan32BytesFailsStartUpWithAnExplanation() {
		this.runner.withPropertyValues("secure-api.jwt.secret=too-short-secret").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidJwtKeyException.class)
				.hasMessageContaining("at least 32 bytes");
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("secure-api.jwt.secret");
			assertThat(analysis.getAction()).contains("openssl rand -base64 32");
		});
	}

	@Test
	void base64SecretThatDecodesToFewerThan32BytesFailsStartUp() {
		this.runner.withPropertyValues("secure-api.jwt.secret=base64:c2hvcnQ=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidJwtKeyException.class);
		});
	}

	@Test
	void unreadablePemKeyFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("secure-api.jwt.secret=", "secure-api.jwt.keys[0].id=k",
				"secure-api.jwt.keys[0].algorithm=RS256",
				"secure-api.jwt.keys[0].private-key=-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(analyze(context.getStartupFailure()).getDescription())
					.contains("secure-api.jwt.keys[0].private-key");
			});
	}

	@Test
	void activeKeyIdNamingNoKeyFailsStartUp() {
		this.runner.withPropertyValues("secure-api.jwt.active-key-id=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("missing");
		});
	}

	@Test
	void jdbcRefreshStoreIsUsedWhenChosenAndAJdbcTemplateExists() {
		this.runner.withPropertyValues("secure-api.jwt.refresh-store=jdbc")
			.withBean(JdbcTemplate.class, () -> new JdbcTemplate(new DriverManagerDataSource("jdbc:none")))
			.run((context) -> assertThat(context).hasSingleBean(JdbcRefreshTokenStore.class));
	}

	@Test
	void redisStoresAreUsedWhenChosenAndARedisConnectionFactoryExists() {
		this.runner.withPropertyValues("secure-api.jwt.refresh-store=redis")
			.withBean(LettuceConnectionFactory.class,
					() -> new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1)))
			.run((context) -> {
				assertThat(context).hasSingleBean(RefreshTokenStore.class).hasBean("redisRefreshTokenStore");
				assertThat(context).hasSingleBean(RevokedTokenStore.class).hasBean("redisRevokedTokenStore");
			});
	}

	@Test
	void redisStoreWithoutRedisFailsStartUpSayingWhatIsMissing() {
		this.runner.withPropertyValues("secure-api.jwt.refresh-store=redis").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("RedisConnectionFactory");
		});
	}

	@Test
	void inMemoryStoresWorkWithoutTheRedisAndJdbcModules() {
		this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis", "org.springframework.jdbc"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(RefreshTokenStore.class).hasBean("inMemoryRefreshTokenStore");
			});
	}

	@Test
	void userAccountServiceBringsAuthenticationServiceAndUserCheck() {
		this.runner.withBean(UserAccountService.class, NoUsers::new).run((context) -> {
			assertThat(context).hasSingleBean(AuthenticationService.class);
			assertThat(context).hasSingleBean(TokenUserValidator.class);
			assertThat(context.getBean(TokenUserValidator.class).isActive("anyone")).isFalse();
			assertThat(context).hasSingleBean(org.springframework.security.core.userdetails.UserDetailsService.class);
		});
	}

	@Test
	void applicationBeansReplaceTheKits() {
		PasswordEncoder own = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder();
		this.runner.withBean(PasswordEncoder.class, () -> own)
			.run((context) -> assertThat(context.getBean(PasswordEncoder.class)).isSameAs(own));
	}

	private static FailureAnalysis analyze(Throwable failure) {
		return JwtTestSupport.analyze(failure);
	}

	@Test
	void theFirewallChecksHeadersWithTheKitsPredicatesAndAnApplicationsFirewallReplacesIt() {
		this.runner.run((context) -> {
			StrictHttpFirewall firewall = context.getBean(StrictHttpFirewall.class);
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me");
			request.addHeader("Authorization", "Bearer a\u0085b");
			HttpServletRequest firewalled = firewall.getFirewalledRequest(request);
			assertThatExceptionOfType(RequestRejectedException.class)
				.isThrownBy(() -> firewalled.getHeader("Authorization"));
		});
		this.runner.withBean("ownFirewall", HttpFirewall.class, StrictHttpFirewall::new)
			.run((context) -> assertThat(context).hasSingleBean(HttpFirewall.class).hasBean("ownFirewall"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChain {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http) throws Exception {
			http.with(SecureApi.configurer(), Customizer.withDefaults())
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity
	static class OwnMethodSecurity {

	}

	static class NoUsers implements UserAccountService {

		@Override
		public Optional<UserAccount> findByUsername(String username) {
			return Optional.empty();
		}

		@Override
		public Optional<UserAccount> findBySubject(String subject) {
			return Optional.empty();
		}

	}

}
