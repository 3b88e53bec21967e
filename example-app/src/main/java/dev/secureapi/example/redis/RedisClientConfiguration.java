package dev.secureapi.example.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.resource.Delay;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the application's Lettuce client behaves while Redis is unreachable: commands are
 * refused at once instead of queued until the command timeout
 * ({@code spring.data.redis.timeout}), so a Redis outage costs the cache and the rate
 * limiter nothing per request; Lettuce keeps reconnecting in the background and the first
 * command after Redis is back succeeds. Reconnect attempts back off to at most one a
 * second (Lettuce's default grows to 30 s, so after an outage of a few seconds the client
 * could stay disconnected for seconds after Redis returned). Boot's own options (connect
 * timeout, cluster topology refresh) stay as configured: this only adds to them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ClientOptions.class)
public class RedisClientConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.autoReconnect(true).disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	ClientResourcesBuilderCustomizer reconnectWithinASecond() {
		return (resources) -> resources.reconnectDelay(
				() -> Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

}
