package dev.secureapi.security.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RejectedRequestsMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RejectedRequestsMetricsAutoConfiguration.class));

	@Test
	void withMeterRegistryRejectionsAreCountedByReason() {
		this.runner.withUserConfiguration(Registry.class).run((context) -> {
			RejectedRequestsCounter counter = context.getBean(RejectedRequestsCounter.class);
			assertThat(counter).isInstanceOf(MicrometerRejectedRequestsCounter.class);
			counter.increment(RejectedRequestsCounter.BODY_LIMIT);
			counter.increment(RejectedRequestsCounter.BODY_LIMIT);
			counter.increment(RejectedRequestsCounter.CORS);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("secure_api.requests.rejected").tag("reason", "body_limit").counter().count())
				.isEqualTo(2);
			assertThat(registry.get("secure_api.requests.rejected").tag("reason", "cors").counter().count())
				.isEqualTo(1);
		});
	}

	@Test
	void reasonsThatCouldCarryRequestDataAreRefused() {
		MicrometerRejectedRequestsCounter counter = new MicrometerRejectedRequestsCounter(new SimpleMeterRegistry());
		assertThatIllegalArgumentException().isThrownBy(() -> counter.increment("/api/users/42"));
		assertThatIllegalArgumentException().isThrownBy(() -> counter.increment("x".repeat(33)));
	}

	@Test
	void withoutMeterRegistryTheCounterIsANoOp() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RejectedRequestsCounter.class);
			assertThat(context.getBean(RejectedRequestsCounter.class))
				.isNotInstanceOf(MicrometerRejectedRequestsCounter.class);
			context.getBean(RejectedRequestsCounter.class).increment("cors");
		});
	}

	@Test
	void withoutMicrometerTheCounterIsANoOp() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasSingleBean(RejectedRequestsCounter.class);
			assertThat(context.getBean(RejectedRequestsCounter.class))
				.isNotInstanceOf(MicrometerRejectedRequestsCounter.class);
		});
	}

	@Test
	void offSwitchCountsNothingEvenWithARegistry() {
		this.runner.withUserConfiguration(Registry.class)
			.withPropertyValues("secure-api.metrics.enabled=false")
			.run((context) -> {
				context.getBean(RejectedRequestsCounter.class).increment("cors");
				assertThat(context.getBean(MeterRegistry.class).find("secure_api.requests.rejected").counter())
					.isNull();
			});
	}

	@Test
	void userCounterReplacesTheDefaultOne() {
		this.runner.withUserConfiguration(Registry.class, CustomCounter.class).run((context) -> {
			assertThat(context).hasSingleBean(RejectedRequestsCounter.class);
			assertThat(context.getBean(RejectedRequestsCounter.class)).isSameAs(CustomCounter.COUNTER);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomCounter {

		static final RejectedRequestsCounter COUNTER = (reason) -> {
		};

		@Bean
		RejectedRequestsCounter customCounter() {
			return COUNTER;
		}

	}

}
