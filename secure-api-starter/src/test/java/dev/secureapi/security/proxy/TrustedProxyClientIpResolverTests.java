package dev.secureapi.security.proxy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxyClientIpResolverTests {

	private final TrustedProxyClientIpResolver resolver = new TrustedProxyClientIpResolver(
			List.of("10.0.0.0/8", "192.168.1.10", "2001:db8::/32"), "X-Forwarded-For", "X-Forwarded-Proto");

	private final TrustedProxyClientIpResolver forwarded = new TrustedProxyClientIpResolver(
			List.of("10.0.0.0/8", "192.168.1.10", "2001:db8::/32"), ProxyProperties.ForwardedHeaders.FORWARDED,
			"X-Forwarded-For", "X-Forwarded-Proto");

	@Test
	void untrustedPeerIsTheClientWhateverItForwards() {
		MockHttpServletRequest request = request("203.0.113.50", "1.2.3.4");
		request.addHeader("X-Forwarded-Proto", "https");
		request.addHeader("Forwarded", "for=5.6.7.8;proto=https");
		assertThat(this.resolver.resolve(request)).isEqualTo("203.0.113.50");
		assertThat(this.resolver.isSecure(request)).isFalse();
	}

	@Test
	void trustedPeerNamesTheClient() {
		assertThat(this.resolver.resolve(request("10.0.0.1", "198.51.100.7"))).isEqualTo("198.51.100.7");
	}

	@Test
	void walkIsRightToLeftSoSpoofedLeftEntriesAreIgnored() {
		assertThat(this.resolver.resolve(request("10.0.0.1", "6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
	}

	@Test
	void multipleTrustedHopsAreSkipped() {
		assertThat(this.resolver.resolve(request("10.0.0.1", "6.6.6.6, 198.51.100.7, 192.168.1.10, 10.2.3.4")))
			.isEqualTo("198.51.100.7");
		MockHttpServletRequest split = new MockHttpServletRequest();
		split.setRemoteAddr("10.0.0.1");
		split.addHeader("X-Forwarded-For", "198.51.100.7");
		split.addHeader("X-Forwarded-For", "10.9.9.9");
		assertThat(this.resolver.resolve(split)).isEqualTo("198.51.100.7");
	}

	@Test
	void chainOfOnlyTrustedProxiesEndsAtTheLeftmost() {
		assertThat(this.resolver.resolve(request("10.0.0.1", "10.0.0.3, 10.0.0.2"))).isEqualTo("10.0.0.3");
	}

	@Test
	void garbageEntryStopsTheWalkAtTheLastTrustedProxy() {
		assertThat(this.resolver.resolve(request("10.0.0.1", "198.51.100.7, <script>, 10.0.0.2")))
			.isEqualTo("10.0.0.2");
		assertThat(this.resolver.resolve(request("10.0.0.1", "unknown"))).isEqualTo("10.0.0.1");
		assertThat(this.resolver.resolve(request("10.0.0.1", ""))).isEqualTo("10.0.0.1");
		assertThat(this.resolver.resolve(request("10.0.0.1", "evil.example.com"))).isEqualTo("10.0.0.1");
	}

	@Test
	void ipv6PeersAndClientsWork() {
		assertThat(this.resolver.resolve(request("2001:db8::1", "2001:db9::42"))).isEqualTo("2001:db9::42");
		assertThat(this.resolver.resolve(request("2001:db9::1", "198.51.100.7"))).isEqualTo("2001:db9::1");
	}

	@Test
	void forwardedFamilyReadsRfc7239Forwarded() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("10.0.0.1");
		request.addHeader("Forwarded", "for=6.6.6.6, for=\"[2001:db9::7]:4711\";proto=https, for=10.0.0.5");
		assertThat(this.forwarded.resolve(request)).isEqualTo("2001:db9::7");
		MockHttpServletRequest withPort = new MockHttpServletRequest();
		withPort.setRemoteAddr("10.0.0.1");
		withPort.addHeader("Forwarded", "for=198.51.100.7:8080;proto=https");
		assertThat(this.forwarded.resolve(withPort)).isEqualTo("198.51.100.7");
		assertThat(this.forwarded.isSecure(withPort)).isTrue();
	}

	@Test
	void xForwardedFamilyIgnoresForwardedWhateverItSays() {
		MockHttpServletRequest onlyForwarded = new MockHttpServletRequest();
		onlyForwarded.setRemoteAddr("10.0.0.1");
		onlyForwarded.addHeader("Forwarded", "for=6.6.6.6;proto=https");
		assertThat(this.resolver.resolve(onlyForwarded)).isEqualTo("10.0.0.1");
		assertThat(this.resolver.isSecure(onlyForwarded)).isFalse();
		MockHttpServletRequest both = request("10.0.0.1", "198.51.100.7");
		both.addHeader("X-Forwarded-Proto", "http");
		both.addHeader("Forwarded", "for=6.6.6.6;proto=https");
		assertThat(this.resolver.resolve(both)).isEqualTo("198.51.100.7");
		assertThat(this.resolver.isSecure(both)).isFalse();
	}

	@Test
	void forwardedFamilyIgnoresXForwardedWhateverItSays() {
		MockHttpServletRequest onlyXForwarded = request("10.0.0.1", "6.6.6.6");
		onlyXForwarded.addHeader("X-Forwarded-Proto", "https");
		assertThat(this.forwarded.resolve(onlyXForwarded)).isEqualTo("10.0.0.1");
		assertThat(this.forwarded.isSecure(onlyXForwarded)).isFalse();
		MockHttpServletRequest both = request("10.0.0.1", "6.6.6.6");
		both.addHeader("X-Forwarded-Proto", "https");
		both.addHeader("Forwarded", "for=198.51.100.7;proto=http");
		assertThat(this.forwarded.resolve(both)).isEqualTo("198.51.100.7");
		assertThat(this.forwarded.isSecure(both)).isFalse();
	}

	@Test
	void forwardedProtoFromTrustedPeerDecidesSecure() {
		MockHttpServletRequest request = request("10.0.0.1", "198.51.100.7");
		request.addHeader("X-Forwarded-Proto", "https");
		assertThat(this.resolver.isSecure(request)).isTrue();
		MockHttpServletRequest plain = request("10.0.0.1", "198.51.100.7");
		plain.addHeader("X-Forwarded-Proto", "http");
		assertThat(this.resolver.isSecure(plain)).isFalse();
	}

	@Test
	void noTrustedProxiesMeansForwardedHeadersAreNeverHonoured() {
		TrustedProxyClientIpResolver none = new TrustedProxyClientIpResolver(List.of(), "X-Forwarded-For",
				"X-Forwarded-Proto");
		assertThat(none.hasTrustedProxies()).isFalse();
		assertThat(none.resolve(request("127.0.0.1", "1.2.3.4"))).isEqualTo("127.0.0.1");
	}

	@Test
	void malformedCidrIsRejectedNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new TrustedProxyClientIpResolver(List.of("10.0.0.0/33x"), "X-Forwarded-For", "X-Forwarded-Proto"))
			.withMessageContaining("secure-api.proxy.trusted-proxies entry '10.0.0.0/33x'");
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		request.addHeader("X-Forwarded-For", forwardedFor);
		return request;
	}

}
