package dev.secureapi.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The part of a client address that keys its buckets: an IPv4 address as it is, an IPv6
 * address by its network prefix. One IPv6 subscriber usually holds a whole /64 (often a
 * /56 or /48), so keying by the full address would let it mint 2^64 fresh buckets by
 * rotating its interface identifier. Masking a byte array is all this takes; the address
 * is already a literal the {@code ClientIpResolver} validated, so no name is ever looked
 * up.
 */
final class ClientAddressKeys {

	private ClientAddressKeys() {
	}

	/**
	 * The key of a client address.
	 * @param address an IP address literal, as the {@code ClientIpResolver} resolved it
	 * @param ipv6PrefixLength the IPv6 prefix length kept (1 to 128)
	 * @return the IPv4 address, or the IPv6 network as {@code 2001:db8:1:2:0:0:0:0/64};
	 * the input itself when it is not an IPv6 literal
	 */
	static String of(String address, int ipv6PrefixLength) {
		if (address.indexOf(':') < 0 || ipv6PrefixLength >= 128) {
			return address;
		}
		InetAddress parsed;
		try {
			parsed = InetAddress.getByName(literal(address));
		}
		catch (UnknownHostException | SecurityException ex) {
			return address;
		}
		if (!(parsed instanceof Inet6Address)) {
			// an IPv4-mapped address (::ffff:192.0.2.1) is an IPv4 client
			return parsed.getHostAddress();
		}
		byte[] bytes = parsed.getAddress();
		for (int bit = ipv6PrefixLength; bit < 128; bit++) {
			bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		try {
			return InetAddress.getByAddress(bytes).getHostAddress() + "/" + ipv6PrefixLength;
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

	/**
	 * The address without a zone id, so {@link InetAddress#getByName} treats it as a
	 * literal and never resolves it.
	 * @param address the client address, possibly in brackets
	 * @return the literal
	 */
	private static String literal(String address) {
		String literal = (address.startsWith("[") && address.endsWith("]")) ? address.substring(1, address.length() - 1)
				: address;
		int zone = literal.indexOf('%');
		return (zone >= 0) ? literal.substring(0, zone) : literal;
	}

}
