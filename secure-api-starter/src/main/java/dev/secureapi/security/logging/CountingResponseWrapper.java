package dev.secureapi.security.logging;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Counts the body bytes written through a response, without buffering or keeping any of
 * them. Writes go straight to the wrapped response's stream or writer; characters written
 * through the writer are counted in the response's character encoding.
 */
class CountingResponseWrapper extends HttpServletResponseWrapper {

	private final AtomicLong bytes = new AtomicLong();

	private @Nullable ServletOutputStream outputStream;

	private @Nullable PrintWriter writer;

	CountingResponseWrapper(HttpServletResponse response) {
		super(response);
	}

	long getBytesWritten() {
		return this.bytes.get();
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.outputStream == null) {
			this.outputStream = new CountingOutputStream(super.getOutputStream(), this.bytes);
		}
		return this.outputStream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (this.writer == null) {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
			this.writer = new PrintWriter(new CountingWriter(super.getWriter(), charset, this.bytes));
		}
		return this.writer;
	}

	private static final class CountingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		private final AtomicLong bytes;

		CountingOutputStream(ServletOutputStream delegate, AtomicLong bytes) {
			this.delegate = delegate;
			this.bytes = bytes;
		}

		@Override
		public void write(int b) throws IOException {
			this.delegate.write(b);
			this.bytes.incrementAndGet();
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.delegate.write(b, off, len);
			this.bytes.addAndGet(len);
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener writeListener) {
			this.delegate.setWriteListener(writeListener);
		}

	}

	private static final class CountingWriter extends Writer {

		private final Writer delegate;

		private final Charset charset;

		private final AtomicLong bytes;

		CountingWriter(Writer delegate, Charset charset, AtomicLong bytes) {
			this.delegate = delegate;
			this.charset = charset;
			this.bytes = bytes;
		}

		@Override
		public void write(char[] buffer, int off, int len) throws IOException {
			this.delegate.write(buffer, off, len);
			this.bytes.addAndGet(new String(buffer, off, len).getBytes(this.charset).length);
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

}
