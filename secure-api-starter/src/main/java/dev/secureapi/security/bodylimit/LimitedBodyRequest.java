package dev.secureapi.security.bodylimit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body stream counts the bytes read and fails with
 * {@link BodyTooLargeException} as soon as the count passes the limit, so a body without
 * a declared length cannot be bigger than the limit either.
 */
class LimitedBodyRequest extends HttpServletRequestWrapper {

	private final long limit;

	private final Runnable onExceeded;

	private @Nullable LimitedInputStream stream;

	LimitedBodyRequest(HttpServletRequest request, long limit, Runnable onExceeded) {
		super(request);
		this.limit = limit;
		this.onExceeded = onExceeded;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new LimitedInputStream(super.getInputStream());
		}
		return this.stream;
	}

	@Override
	public BufferedReader getReader() throws IOException {
		String encoding = getCharacterEncoding();
		Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
		return new BufferedReader(new InputStreamReader(getInputStream(), charset));
	}

	/**
	 * Whether reading the body passed the limit.
	 * @return whether the limit was exceeded
	 */
	boolean isExceeded() {
		return this.stream != null && this.stream.exceeded;
	}

	private final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private long count;

		private boolean exceeded;

		LimitedInputStream(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			checkNotExceeded();
			int read = this.delegate.read();
			if (read >= 0) {
				count(1);
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkNotExceeded();
			if (length == 0) {
				return 0;
			}
			// never read further than one byte past the limit
			int allowed = (int) Math.min(length, LimitedBodyRequest.this.limit - this.count + 1);
			int read = this.delegate.read(buffer, offset, allowed);
			if (read > 0) {
				count(read);
			}
			return read;
		}

		@Override
		public boolean isFinished() {
			return this.exceeded || this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

		@Override
		public int available() throws IOException {
			return this.delegate.available();
		}

		private void count(int read) throws BodyTooLargeException {
			this.count += read;
			if (this.count > LimitedBodyRequest.this.limit) {
				this.exceeded = true;
				LimitedBodyRequest.this.onExceeded.run();
				throw new BodyTooLargeException(LimitedBodyRequest.this.limit);
			}
		}

		private void checkNotExceeded() throws BodyTooLargeException {
			if (this.exceeded) {
				throw new BodyTooLargeException(LimitedBodyRequest.this.limit);
			}
		}

	}

}
