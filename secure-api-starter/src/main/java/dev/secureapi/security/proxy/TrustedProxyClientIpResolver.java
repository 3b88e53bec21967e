package dev.secureapi.security.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.util.StringUtils;

/**
 * A {@link ClientIpResolver} that honours forwarded headers only from trusted proxies.
 *
 * <p>
 * When the direct peer is not a trusted proxy its own address is the client, whatever
 * headers it sent. When it is, the forwarded chain of the one configured family
 * ({@code X-Forwarded-For}, or RFC 7239 {@code Forwarded}; the other family is never
 * read, so a client cannot name itself through the header its proxy does not overwrite)
 * is read from the right: each trusted proxy is skipped, and the first address that is
 * not one is the client. Only that right-to-left walk is safe: the left end of the chain
 * is whatever the client wrote. An entry that is not an IP address stops the walk at the
 * last proxy that was trusted.
 *
 * @since 0.1.0
 */
public class TrustedProxyClientIpResolver implements ClientIpResolver {

	/**
	 * Request attribute caching the resolved client, so wrapped requests are not resolved
	 * twice.
	 */
	static final String RESOLVED_ATTRIBUTE = TrustedProxyClientIpResolver.class.getName() + ".client";

	private final List<IpAddressMatcher> trustedProxies;

	private final String forHeader;

	private final String protoHeader;

	private final ProxyProperties.ForwardedHeaders family;

	/**
	 * Creates a resolver.
	 * @param trustedProxies addresses or CIDR ranges of trusted proxies
	 * @param forHeader the header listing the forwarding chain
	 * @param protoHeader the header carrying the client's scheme
	 * @throws IllegalArgumentException if an entry is not an address or CIDR range
	 */
	public TrustedProxyClientIpResolver(List<String> trustedProxies, String forHeader, String protoHeader) {
		this(trustedProxies, ProxyProperties.ForwardedHeaders.X_FORWARDED, forHeader, protoHeader);
	}

	/**
	 * Creates a resolver that reads one family of forwarded headers.
	 * @param trustedProxies addresses or CIDR ranges of trusted proxies
	 * @param family the family of forwarded headers read; the other is ignored
	 * @param forHeader the header listing the forwarding chain, for {@code X_FORWARDED}
	 * @param protoHeader the header carrying the client's scheme, for {@code X_FORWARDED}
	 * @throws IllegalArgumentException if an entry is not an address or CIDR range
	 */
	public TrustedProxyClientIpResolver(List<String> trustedProxies, ProxyProperties.ForwardedHeaders family,
			String forHeader, String protoHeader) {
		List<IpAddressMatcher> matchers = new ArrayList<>();
		for (String proxy : trustedProxies) {
			matchers.add(matcher(proxy));
		}
		this.trustedProxies = List.copyOf(matchers);
		this.forHeader = forHeader;
		this.protoHeader = protoHeader;
		this.family = family;
	}

	@Override
	public String resolve(HttpServletRequest request) {
		Object cached = request.getAttribute(RESOLVED_ATTRIBUTE);
		if (cached instanceof String client) {
			return client;
		}
		String peer = request.getRemoteAddr();
		if (!isTrusted(peer)) {
			return peer;
		}
		String client = peer;
		List<String> chain = forwardedChain(request);
		for (int i = chain.size() - 1; i >= 0; i--) {
			String hop = chain.get(i);
			if (!isIpAddress(hop)) {
				break;
			}
			client = hop;
			if (!isTrusted(hop)) {
				break;
			}
		}
		return client;
	}

	@Override
	public boolean isSecure(HttpServletRequest request) {
		if (request.isSecure()) {
			return true;
		}
		if (!isTrusted(request.getRemoteAddr())) {
			return false;
		}
		String proto = (this.family == ProxyProperties.ForwardedHeaders.FORWARDED)
				? forwardedParameter(request, "proto") : lastValue(request.getHeader(this.protoHeader));
		return "https".equalsIgnoreCase(proto);
	}

	/**
	 * Whether the given address belongs to a trusted proxy.
	 * @param address an IP address
	 * @return whether it is trusted
	 */
	public boolean isTrusted(@Nullable String address) {
		if (address == null || this.trustedProxies.isEmpty()) {
			return false;
		}
		for (IpAddressMatcher matcher : this.trustedProxies) {
			try {
				if (matcher.matches(address)) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Whether any trusted proxy is configured.
	 * @return whether forwarded headers can ever be honoured
	 */
	public boolean hasTrustedProxies() {
		return !this.trustedProxies.isEmpty();
	}

	private List<String> forwardedChain(HttpServletRequest request) {
		List<String> chain = new ArrayList<>();
		if (this.family == ProxyProperties.ForwardedHeaders.FORWARDED) {
			for (String value : Collections.list(request.getHeaders("Forwarded"))) {
				for (String element : StringUtils.commaDelimitedListToStringArray(value)) {
					String address = parameter(element, "for");
					chain.add((address != null) ? stripPortAndBrackets(address) : "");
				}
			}
			return chain;
		}
		for (String value : Collections.list(request.getHeaders(this.forHeader))) {
			for (String hop : StringUtils.commaDelimitedListToStringArray(value)) {
				chain.add(hop.trim());
			}
		}
		return chain;
	}

	private static @Nullable String forwardedParameter(HttpServletRequest request, String name) {
		String value = request.getHeader("Forwarded");
		if (value == null) {
			return null;
		}
		String[] elements = StringUtils.commaDelimitedListToStringArray(value);
		return (elements.length > 0) ? parameter(elements[elements.length - 1], name) : null;
	}

	private static @Nullable String parameter(String element, String name) {
		for (String pair : StringUtils.delimitedListToStringArray(element, ";")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals(name)) {
				return StringUtils.trimTrailingCharacter(
						StringUtils.trimLeadingCharacter(pair.substring(equals + 1).trim(), '"'), '"');
			}
		}
		return null;
	}

	private static String stripPortAndBrackets(String address) {
		if (address.startsWith("[")) {
			int close = address.indexOf(']');
			return (close > 0) ? address.substring(1, close) : address;
		}
		int colon = address.indexOf(':');
		return (colon > 0 && address.indexOf(':', colon + 1) < 0) ? address.substring(0, colon) : address;
	}

	private static @Nullable String lastValue(@Nullable String header) {
		if (!StringUtils.hasText(header)) {
			return null;
		}
		String[] values = StringUtils.commaDelimitedListToStringArray(header);
		return (values.length > 0) ? values[values.length - 1].trim() : null;
	}

	private static boolean isIpAddress(String candidate) {
		if (candidate.isEmpty()) {
			return false;
		}
		try {
			new IpAddressMatcher(candidate);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static IpAddressMatcher matcher(String proxy) {
		try {
			return new IpAddressMatcher(proxy.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("secure-api.proxy.trusted-proxies entry '" + proxy
					+ "' is not an IP address or CIDR range (for example 10.0.0.0/8 or 2001:db8::/32)", ex);
		}
	}

}
