package dev.secureapi.security.requestid;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request an id: the incoming header's value when it is safe to echo, else a
 * new random one. The id is set as a response header before anything else answers (so
 * errors carry it too), stored as the request attribute {@link RequestId#ATTRIBUTE} and
 * put in the logging context under {@link RequestId#MDC_KEY}.
 */
class RequestIdFilter extends OncePerRequestFilter {

	private final String header;

	private final boolean acceptIncoming;

	/**
	 * Creates a filter.
	 * @param header the header carrying the id
	 * @param acceptIncoming whether a safe incoming id is kept
	 */
	RequestIdFilter(String header, boolean acceptIncoming) {
		this.header = header;
		this.acceptIncoming = acceptIncoming;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String incoming = this.acceptIncoming ? request.getHeader(this.header) : null;
		String id = RequestId.isSafe(incoming) ? incoming : newId();
		request.setAttribute(RequestId.ATTRIBUTE, id);
		response.setHeader(this.header, id);
		MDC.put(RequestId.MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestId.MDC_KEY);
		}
	}

	/**
	 * A new random (version 4) UUID. A request id names a request in logs and answers; it
	 * is not a secret, so it comes from the thread's own generator rather than
	 * {@code SecureRandom}, which every request thread would otherwise share (and contend
	 * on).
	 * @return the id
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
		return new UUID(mostSignificant, leastSignificant).toString();
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// the error dispatch keeps the id of the request that failed
		return true;
	}

}
