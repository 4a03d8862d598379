package io.github.tieredcache.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import io.github.tieredcache.cache.BulkFill;
import org.jspecify.annotations.Nullable;

/**
 * The response of one request as the filter hands it on: passes everything through until
 * the advice around a {@code @CachedResponse} method asks it to buffer the body (headers
 * and status still go to the real response, which stays uncommitted), or to serve an
 * entry instead of whatever the handler writes. A body that grows past the limit is
 * written through from then on. One per request; not thread-safe.
 */
final class ResponseCapture extends HttpServletResponseWrapper implements Capture {

	static final String ATTRIBUTE = ResponseCapture.class.getName();

	enum Mode {

		/** Nothing asked: everything goes through. */
		PASS,

		/** Buffering the body of a miss, to store it. */
		CAPTURE,

		/** Discarding what the handler writes; the entry is served instead. */
		SERVE,

		/** Skipped: written through, nothing stored. */
		BYPASS

	}

	private final long maxBodySize;

	private Mode mode = Mode.PASS;

	private boolean claimed;

	private @Nullable ByteArrayOutputStream buffer;

	private @Nullable ServletOutputStream stream;

	private @Nullable PrintWriter writer;

	private @Nullable Runnable onOverflow;

	private @Nullable Miss miss;

	private @Nullable BulkFill fill;

	private @Nullable StoredResponse served;

	ResponseCapture(HttpServletResponse response, long maxBodySize) {
		super(response);
		this.maxBodySize = maxBodySize;
	}

	/**
	 * Returns whether this is the first {@code @CachedResponse} method of the request, so
	 * that one such method called by another does not take over the response.
	 */
	boolean claim() {
		if (this.claimed) {
			return false;
		}
		this.claimed = true;
		return true;
	}

	Mode mode() {
		return this.mode;
	}

	@Override
	public void bypass() {
		this.mode = Mode.BYPASS;
	}

	@Override
	public void serve(StoredResponse response) {
		this.mode = Mode.SERVE;
		this.served = response;
		this.buffer = new ByteArrayOutputStream();
	}

	@Override
	public void capture(Miss miss, Runnable onOverflow) {
		this.mode = Mode.CAPTURE;
		this.miss = miss;
		this.onOverflow = onOverflow;
		this.buffer = new ByteArrayOutputStream();
	}

	@Nullable Miss miss() {
		return this.miss;
	}

	@Override
	public void watch(BulkFill fill) {
		this.fill = fill;
	}

	/**
	 * Returns the fill that watches the miss's key, if its cache is a tiered cache.
	 * @return the fill, or {@code null}
	 */
	@Nullable BulkFill fill() {
		return this.fill;
	}

	/**
	 * Stops watching the miss's key, however the request ended.
	 */
	void endFill() {
		BulkFill started = this.fill;
		this.fill = null;
		if (started != null) {
			started.close();
		}
	}

	@Nullable StoredResponse served() {
		return this.served;
	}

	byte[] body() throws IOException {
		if (this.writer != null) {
			this.writer.flush();
		}
		return (this.buffer != null) ? this.buffer.toByteArray() : new byte[0];
	}

	/**
	 * Stops buffering and writes what was buffered through.
	 */
	void release() throws IOException {
		// Not through body(): a writer being flushed is what brought the overflow here
		byte[] body = (this.buffer != null) ? this.buffer.toByteArray() : new byte[0];
		this.mode = Mode.BYPASS;
		this.buffer = null;
		getResponse().getOutputStream().write(body);
	}

	private boolean buffering() {
		return this.buffer != null && (this.mode == Mode.CAPTURE || this.mode == Mode.SERVE);
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (!buffering() && this.stream == null) {
			return super.getOutputStream();
		}
		if (this.stream == null) {
			this.stream = new BufferStream();
		}
		return this.stream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (!buffering() && this.writer == null) {
			return super.getWriter();
		}
		if (this.writer == null) {
			this.writer = new PrintWriter(
					new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
		}
		return this.writer;
	}

	@Override
	public void flushBuffer() throws IOException {
		if (!buffering()) {
			super.flushBuffer();
		}
	}

	@Override
	public void setContentLength(int length) {
		if (!buffering()) {
			super.setContentLength(length);
		}
	}

	@Override
	public void setContentLengthLong(long length) {
		if (!buffering()) {
			super.setContentLengthLong(length);
		}
	}

	@Override
	public void resetBuffer() {
		if (this.buffer != null) {
			this.buffer.reset();
		}
		super.resetBuffer();
	}

	@Override
	public void reset() {
		if (this.buffer != null) {
			this.buffer.reset();
		}
		super.reset();
	}

	void tags(List<String> tags) {
		if (this.miss != null) {
			this.miss = this.miss.withTags(tags);
		}
	}

	private final class BufferStream extends ServletOutputStream {

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			ByteArrayOutputStream buffer = ResponseCapture.this.buffer;
			if (!buffering() || buffer == null) {
				getResponse().getOutputStream().write(bytes, offset, length);
				return;
			}
			if (ResponseCapture.this.mode == Mode.SERVE) {
				return;
			}
			if (ResponseCapture.this.mode == Mode.CAPTURE
					&& buffer.size() + (long) length > ResponseCapture.this.maxBodySize) {
				if (ResponseCapture.this.onOverflow != null) {
					ResponseCapture.this.onOverflow.run();
				}
				release();
				getResponse().getOutputStream().write(bytes, offset, length);
				return;
			}
			buffer.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			if (!buffering()) {
				getResponse().getOutputStream().flush();
			}
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			throw new UnsupportedOperationException("Non-blocking writes are not cached");
		}

	}

}
