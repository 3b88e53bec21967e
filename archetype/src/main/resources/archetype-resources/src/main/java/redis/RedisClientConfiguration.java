package ${package}.redis;

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
 * How the Lettuce client behaves while Redis is unreachable: commands are refused at once instead of queued until
 * the command timeout ({@code spring.data.redis.timeout}), so a Redis outage costs the refresh-token store and
 * the rate limiter nothing per request (they answer 503 with {@code Retry-After}, or fail open); Lettuce keeps
 * reconnecting in the background, at most a second apart (its default backs off to 30 s), and the first command
 * after Redis is back succeeds. Boot's own options stay as configured: this only adds to them.
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
