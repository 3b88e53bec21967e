package dev.secureapi.security.headers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response whose security headers stay what the kit decided: writes to those headers
 * from later filters (Spring Security's HeaderWriterFilter among them) or from the
 * application are dropped, headers that must never be sent are refused, and a
 * {@link #reset()} puts the headers back.
 */
class SecurityHeadersResponse extends HttpServletResponseWrapper {

	private final SecurityHeaders policy;

	private final Map<String, String> effective;

	private final Map<String, List<String>> earlier = new LinkedHashMap<>();

	SecurityHeadersResponse(HttpServletResponse response, SecurityHeaders policy, Map<String, String> effective) {
		super(response);
		this.policy = policy;
		this.effective = effective;
		for (String name : response.getHeaderNames()) {
			this.earlier.put(name, new ArrayList<>(response.getHeaders(name)));
		}
	}

	/**
	 * Writes the security headers to the wrapped response.
	 */
	void apply() {
		HttpServletResponse response = (HttpServletResponse) getResponse();
		this.effective.forEach(response::setHeader);
	}

	@Override
	public void setHeader(String name, String value) {
		if (!isBlocked(name)) {
			super.setHeader(name, value);
		}
	}

	@Override
	public void addHeader(String name, String value) {
		if (!isBlocked(name)) {
			super.addHeader(name, value);
		}
	}

	@Override
	public void setDateHeader(String name, long date) {
		if (!isBlocked(name)) {
			super.setDateHeader(name, date);
		}
	}

	@Override
	public void addDateHeader(String name, long date) {
		if (!isBlocked(name)) {
			super.addDateHeader(name, date);
		}
	}

	@Override
	public void setIntHeader(String name, int value) {
		if (!isBlocked(name)) {
			super.setIntHeader(name, value);
		}
	}

	@Override
	public void addIntHeader(String name, int value) {
		if (!isBlocked(name)) {
			super.addIntHeader(name, value);
		}
	}

	@Override
	public void reset() {
		super.reset();
		HttpServletResponse response = (HttpServletResponse) getResponse();
		// headers set before this filter (the request id) survive a reset too
		this.earlier.forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		apply();
	}

	private boolean isBlocked(String name) {
		return this.policy.isBlocked(name, this.effective);
	}

}
