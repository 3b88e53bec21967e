package dev.secureapi.example.cache;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import tools.jackson.databind.json.JsonMapper;

import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.example.user.UserPage;
import dev.secureapi.example.user.UserResponse;

/**
 * Spring Cache for the application. The store is Boot's choice from
 * {@code spring.cache.type}: Caffeine in process by default, Redis in the {@code prod}
 * profile, both with the TTL of {@code app.cache.ttl}. Cache errors degrade to the
 * database through {@link LoggingCacheErrorHandler}; Redis sits behind a circuit breaker
 * ({@link CircuitBreakingCacheWriter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching(order = CacheConfiguration.CACHE_ADVICE_ORDER)
public class CacheConfiguration {

	/**
	 * The caching advice runs outside the transaction advice (which has the lowest
	 * precedence), so a cached value is only stored once the transaction that read it has
	 * completed.
	 */
	static final int CACHE_ADVICE_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Bean
	LoggingCacheErrorHandler cacheErrorHandler(ObjectProvider<MeterRegistry> registry) {
		return new LoggingCacheErrorHandler(registry.getIfAvailable());
	}

	@Bean
	CachingConfigurer cachingConfigurer(LoggingCacheErrorHandler errorHandler) {
		return new CachingConfigurer() {

			@Override
			public CacheErrorHandler errorHandler() {
				return errorHandler;
			}

		};
	}

	/**
	 * Each Redis cache holds JSON of one known type: no class names in cached data, so a
	 * tampered cache entry cannot make the application instantiate anything else. E-mail
	 * addresses in it are encrypted with the field encryptor: Redis, shared and often
	 * less guarded than the database, never holds them in plaintext.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisCacheConfiguration.class)
	static class RedisSerializationConfiguration {

		/**
		 * Redis behind a circuit breaker: after a Redis failure the cache is skipped
		 * (reads from the database) for {@code app.cache.circuit-open-duration} at a
		 * time, so a Redis that stalls costs a request at most one command timeout.
		 * @param openDuration how long the circuit stays open after a failure
		 * @return the breaker
		 */
		@Bean
		CircuitBreaker redisCacheCircuitBreaker(@Value("${app.cache.circuit-open-duration:2s}") Duration openDuration) {
			return CircuitBreakingCacheWriter.breaker(openDuration);
		}

		@Bean
		RedisCacheManagerBuilderCustomizer circuitBreakingCache(
				ObjectProvider<RedisConnectionFactory> connectionFactory, CircuitBreaker redisCacheCircuitBreaker) {
			// called only when the cache is Redis, so there is a connection factory then.
			// Writes are immediate:
			// Spring Data Redis otherwise sends puts and evictions asynchronously on
			// another connection, so the read
			// that follows an eviction could overtake it, and a failed eviction would go
			// unnoticed
			return (builder) -> builder.cacheWriter(CircuitBreakingCacheWriter.wrap(
					RedisCacheWriter.create(connectionFactory.getObject(), (writer) -> writer.immediateWrites()),
					redisCacheCircuitBreaker));
		}

		/**
		 * While the circuit is not closed, values are not even serialized (see
		 * {@link WriteSkippingCacheManager}).
		 * @param redisCacheCircuitBreaker the cache's circuit breaker
		 * @return the post-processor that wraps the Redis cache manager
		 */
		@Bean
		static BeanPostProcessor writeSkippingRedisCaches(ObjectProvider<CircuitBreaker> redisCacheCircuitBreaker) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof RedisCacheManager manager) {
						return new WriteSkippingCacheManager(manager,
								() -> redisCacheCircuitBreaker.getObject().getState() != CircuitBreaker.State.CLOSED);
					}
					return bean;
				}

			};
		}

		@Bean
		RedisCacheManagerBuilderCustomizer typedJsonCaches(JsonMapper mapper, FieldEncryptor encryptor) {
			return (builder) -> {
				RedisCacheConfiguration defaults = builder.cacheDefaults();
				builder.withCacheConfiguration(CacheNames.USERS,
						defaults.serializeValuesWith(SerializationPair.fromSerializer(EmailSealingSerializer
							.users(new JacksonJsonRedisSerializer<>(mapper, UserResponse.class), encryptor))));
				builder.withCacheConfiguration(CacheNames.USER_PAGES,
						defaults.serializeValuesWith(SerializationPair.fromSerializer(EmailSealingSerializer
							.pages(new JacksonJsonRedisSerializer<>(mapper, UserPage.class), encryptor))));
				builder.withCacheConfiguration(CacheNames.USER_LIST_VERSION,
						defaults.serializeValuesWith(SerializationPair.fromSerializer(new StringRedisSerializer())));
			};
		}

	}

}
