package dev.secureapi.security.proxy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardHeadersStrategyProductionCheckTests {

	@Test
	void bootsOwnForwardedHeaderHandlingBesideTheKitsResolverIsReported() {
		for (String strategy : new String[] { "native", "framework", "NATIVE" }) {
			MockEnvironment environment = new MockEnvironment().withProperty("server.forward-headers-strategy",
					strategy);
			assertThat(new ForwardHeadersStrategyProductionCheck(new ProxyProperties(), environment).check())
				.singleElement()
				.satisfies((finding) -> {
					assertThat(finding.id()).isEqualTo(ForwardHeadersStrategyProductionCheck.ID);
					assertThat(finding.action()).contains("secure-api.proxy.forwarded-headers");
				});
		}
	}

	@Test
	void unsetStrategyOnACloudPlatformThatForwardsIsReported() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes");
		assertThat(new ForwardHeadersStrategyProductionCheck(new ProxyProperties(), environment).check())
			.singleElement()
			.satisfies((finding) -> assertThat(finding.problem()).contains("kubernetes"));
		environment.setProperty("server.forward-headers-strategy", "none");
		assertThat(new ForwardHeadersStrategyProductionCheck(new ProxyProperties(), environment).check()).isEmpty();
	}

	@Test
	void noStrategyOrNoneIsFine() {
		assertThat(new ForwardHeadersStrategyProductionCheck(new ProxyProperties(), new MockEnvironment()).check())
			.isEmpty();
		assertThat(new ForwardHeadersStrategyProductionCheck(new ProxyProperties(),
				new MockEnvironment().withProperty("server.forward-headers-strategy", "none"))
			.check()).isEmpty();
	}

	@Test
	void strategyIsFineWhenTheKitsResolverIsSwitchedOff() {
		ProxyProperties off = new ProxyProperties();
		off.setEnabled(false);
		assertThat(new ForwardHeadersStrategyProductionCheck(off,
				new MockEnvironment().withProperty("server.forward-headers-strategy", "native"))
			.check()).isEmpty();
	}

}
