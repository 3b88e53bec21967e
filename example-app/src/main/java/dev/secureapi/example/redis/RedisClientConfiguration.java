package dev.secureapi.example.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the application's Lettuce client behaves while Redis is unreachable: commands are refused at once instead
 * of queued until the command timeout ({@code spring.data.redis.timeout}), so a Redis outage costs the cache
 * and the rate limiter nothing per request; Lettuce keeps reconnecting in the background and the first command
 * after Redis is back succeeds. Boot's own options (connect timeout, cluster topology refresh) stay as
 * configured: this only adds to them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ClientOptions.class)
public class RedisClientConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.autoReconnect(true).disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
	}

}
