package dev.secureapi.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressKeysTests {

	@Test
	void ipv6AddressesAreKeyedByTheirPrefix() {
		assertThat(ClientAddressKeys.of("2001:db8:1:2:3:4:5:6", 64)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddressKeys.of("2001:db8:1:2::ffff", 64)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddressKeys.of("2001:db8:1:2::ffff", 56)).isEqualTo("2001:db8:1:0:0:0:0:0/56");
		assertThat(ClientAddressKeys.of("2001:db8:1:2ff::1", 60)).isEqualTo("2001:db8:1:2f0:0:0:0:0/60");
		assertThat(ClientAddressKeys.of("[2001:db8::1%eth0]", 64)).isEqualTo("2001:db8:0:0:0:0:0:0/64");
	}

	@Test
	void fullLengthPrefixKeepsTheAddress() {
		assertThat(ClientAddressKeys.of("2001:db8::1", 128)).isEqualTo("2001:db8::1");
	}

	@Test
	void ipv4AddressesAreKeptWhole() {
		assertThat(ClientAddressKeys.of("203.0.113.7", 64)).isEqualTo("203.0.113.7");
		assertThat(ClientAddressKeys.of("::ffff:203.0.113.7", 64)).isEqualTo("203.0.113.7");
	}

	@Test
	void somethingThatIsNotAnAddressIsNeverLookedUp() {
		assertThat(ClientAddressKeys.of("unknown", 64)).isEqualTo("unknown");
	}

}
