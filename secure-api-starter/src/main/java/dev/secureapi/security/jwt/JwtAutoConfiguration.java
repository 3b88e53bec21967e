package dev.secureapi.security.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration for JWT access tokens, refresh tokens and revocation: the key ring
 * from {@code secure-api.jwt.*} (or an identity provider's JWK set), the
 * {@link AccessTokenVerifier}, the {@link TokenService}, and the refresh-token and
 * revoked-token stores chosen by {@code secure-api.jwt.refresh-store}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "secure-api.jwt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(JwtProperties.class)
public final class JwtAutoConfiguration {

	private static final Log logger = LogFactory.getLog(JwtAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OwnKeysCondition.class)
	JwtKeyRing jwtKeyRing(JwtProperties properties, ResourceLoader resourceLoader) {
		JwtKeyRing keys = new JwtKeyLoader(resourceLoader).load(properties);
		if (keys != null) {
			return keys;
		}
		logger.warn("Development default: no JWT key is configured (secure-api.jwt.secret or secure-api.jwt.keys), "
				+ "so tokens are signed with a random key that changes at every start. Set secure-api.jwt.secret "
				+ "(for example base64:$(openssl rand -base64 32)) before going to production.");
		SecretKey key = Jwts.SIG.HS256.key().build();
		return JwtKeyRing.of(List.of(new JwtKey(JwtKeyLoader.DEFAULT_KEY_ID, JwtAlgorithm.HS256, key, key)), null);
	}

	@Bean
	@ConditionalOnMissingBean
	AccessTokenVerifier accessTokenVerifier(ObjectProvider<JwtKeyRing> keyRing,
			ObjectProvider<VerificationKeyResolver> resolver, JwtProperties properties, ObjectProvider<Clock> clock,
			RevokedTokenStore revokedTokens, ObjectProvider<TokenUserValidator> userValidator) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		if (properties.getUserCheckTtl().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("secure-api.jwt.user-check-ttl",
					properties.getUserCheckTtl(), "it must not be negative (0 asks the TokenUserValidator every time)");
		}
		TokenUserValidator validator = userValidator.getIfAvailable();
		TokenUserValidator cached = (validator != null)
				? new CachingTokenUserValidator(validator, properties.getUserCheckTtl(), time) : null;
		JwtKeyRing keys = keyRing.getIfAvailable();
		if (keys != null) {
			return new AccessTokenVerifier(keys, properties, time, revokedTokens, cached);
		}
		VerificationKeyResolver external = resolver.getObject();
		return new AccessTokenVerifier(external, properties, time, revokedTokens, cached);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(JwtKeyRing.class)
	@Conditional(OwnKeysCondition.class)
	TokenService tokenService(JwtKeyRing keys, AccessTokenVerifier verifier, RefreshTokenStore refreshTokens,
			RevokedTokenStore revokedTokens, JwtProperties properties, ObjectProvider<Clock> clock) {
		return new TokenService(keys, verifier, refreshTokens, revokedTokens, properties,
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenStore inMemoryRefreshTokenStore(JwtProperties properties, ObjectProvider<Clock> clock) {
		JwtProperties.RefreshStore store = properties.getRefreshStore();
		if (store != JwtProperties.RefreshStore.MEMORY) {
			throw new InvalidConfigurationPropertyValueException("secure-api.jwt.refresh-store",
					store.name().toLowerCase(Locale.ROOT),
					"it needs a " + ((store == JwtProperties.RefreshStore.JDBC)
							? "DataSource (add spring-boot-starter-jdbc and configure spring.datasource.*)"
							: "RedisConnectionFactory (add spring-boot-starter-data-redis and configure "
									+ "spring.data.redis.*)"));
		}
		return new InMemoryRefreshTokenStore(properties.getInMemoryMaxFamilies(),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	RevokedTokenStore inMemoryRevokedTokenStore(ObjectProvider<Clock> clock) {
		return new InMemoryRevokedTokenStore(clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean(name = "jwtProductionCheck")
	JwtProductionCheck jwtProductionCheck(JwtProperties properties) {
		return new JwtProductionCheck(properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("secure-api.jwt.jwk-set-uri")
	static class JwkSetConfiguration {

		@Bean
		@ConditionalOnMissingBean(VerificationKeyResolver.class)
		JwkSetKeyResolver jwkSetKeyResolver(JwtProperties properties, ObjectProvider<Clock> clock) {
			return new JwkSetKeyResolver(jwkSetUri(Objects.requireNonNull(properties.getJwkSetUri())),
					properties.getJwkSetRefreshInterval(), clock.getIfAvailable(Clock::systemUTC));
		}

		private static URI jwkSetUri(String value) {
			try {
				URI uri = new URI(value);
				if ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) {
					return uri;
				}
			}
			catch (URISyntaxException ex) {
				// reported below
			}
			throw new InvalidConfigurationPropertyValueException("secure-api.jwt.jwk-set-uri", value,
					"it must be an absolute http or https URI, for example https://idp.example/.well-known/jwks.json");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	@ConditionalOnSingleCandidate(JdbcTemplate.class)
	@ConditionalOnProperty(name = "secure-api.jwt.refresh-store", havingValue = "jdbc")
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(RefreshTokenStore.class)
		JdbcRefreshTokenStore jdbcRefreshTokenStore(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
			return new JdbcRefreshTokenStore(jdbc, clock.getIfAvailable(Clock::systemUTC));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
	@ConditionalOnProperty(name = "secure-api.jwt.refresh-store", havingValue = "redis")
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(RefreshTokenStore.class)
		RedisRefreshTokenStore redisRefreshTokenStore(RedisConnectionFactory connectionFactory,
				JwtProperties properties) {
			return new RedisRefreshTokenStore(new StringRedisTemplate(connectionFactory),
					properties.getRedisKeyPrefix());
		}

		@Bean
		@ConditionalOnMissingBean(RevokedTokenStore.class)
		RedisRevokedTokenStore redisRevokedTokenStore(RedisConnectionFactory connectionFactory,
				JwtProperties properties, ObjectProvider<Clock> clock) {
			return new RedisRevokedTokenStore(new StringRedisTemplate(connectionFactory),
					properties.getRedisKeyPrefix(), clock.getIfAvailable(Clock::systemUTC));
		}

	}

}
