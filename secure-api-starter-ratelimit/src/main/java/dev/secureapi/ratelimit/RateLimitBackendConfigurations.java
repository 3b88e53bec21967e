package dev.secureapi.ratelimit;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The backend configurations, imported in order: Redis when selected and possible, else
 * local.
 */
final class RateLimitBackendConfigurations {

	private RateLimitBackendConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
			"io.github.bucket4j.redis.lettuce.Bucket4jLettuce" })
	@ConditionalOnBean(type = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory")
	@Conditional(RedisBackendCondition.class)
	static class Redis {

		@Bean
		@ConditionalOnMissingBean(RateLimitBackend.class)
		RedisRateLimitBackend redisRateLimitBackend(LettuceConnectionFactory connectionFactory,
				RateLimitProperties properties) {
			return new RedisRateLimitBackend(connectionFactory, properties.getRedis());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Local {

		@Bean
		@ConditionalOnMissingBean(RateLimitBackend.class)
		LocalRateLimitBackend localRateLimitBackend(RateLimitProperties properties) {
			if (properties.getBackend() == RateLimitProperties.Backend.REDIS) {
				throw new RateLimitConfigurationException(
						"secure-api.rate-limit.backend=redis but the application has no Lettuce RedisConnectionFactory"
								+ " (or bucket4j_jdk17-lettuce is missing)",
						"Add spring-boot-starter-data-redis and configure spring.data.redis.*, add "
								+ "com.bucket4j:bucket4j_jdk17-lettuce, or set secure-api.rate-limit.backend=local.");
			}
			return new LocalRateLimitBackend(properties.getLocal().getMaxKeys(),
					RateLimitAutoConfiguration.idleExpiry(properties));
		}

	}

	/**
	 * Matches when {@code secure-api.rate-limit.backend} is {@code auto} (the default) or
	 * {@code redis}.
	 */
	static class RedisBackendCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			RateLimitProperties.Backend backend = Binder.get(context.getEnvironment())
				.bind("secure-api.rate-limit.backend", RateLimitProperties.Backend.class)
				.orElse(RateLimitProperties.Backend.AUTO);
			return (backend != RateLimitProperties.Backend.LOCAL)
					? ConditionOutcome.match("rate-limit backend is " + backend)
					: ConditionOutcome.noMatch("rate-limit backend is local");
		}

	}

}
