package dev.secureapi.security.logging;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Hands access-log lines from request threads to one background thread that encodes and
 * appends them, through a bounded queue: a request thread never waits for the log (not
 * for JSON encoding, masking or a slow console), and when the queue is full the line is
 * dropped and counted instead. A {@code java.util.concurrent} queue rather than Logback's
 * {@code AsyncAppender}: the latter is configured per appender (the access log shares the
 * root console appender that Spring Boot sets up) and does not count what it discards.
 * <p>
 * The writer never waits on the queue: when it finds the queue empty it sleeps for
 * {@link #IDLE_NANOS} and then writes everything that arrived meanwhile. A request
 * thread's offer therefore never wakes another thread (with a waiting consumer, every
 * line would cost a wake-up and a context switch, which on a small CPU share is more than
 * the offer itself); a line reaches the log at most that much later.
 */
final class AccessLogWriter implements AutoCloseable {

	/** The name of the writing thread. */
	static final String THREAD_NAME = "secure-api-access-log";

	/** How long the writer sleeps when it finds the queue empty. */
	static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final BlockingQueue<AccessLogLine> queue;

	private final Consumer<AccessLogLine> sink;

	private final LongAdder dropped = new LongAdder();

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * Creates a writer and starts its thread.
	 * @param capacity how many lines may wait to be written
	 * @param sink writes one line
	 */
	AccessLogWriter(int capacity, Consumer<AccessLogLine> sink) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.sink = sink;
		this.thread = new Thread(this::run, THREAD_NAME);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Queues a line without waiting.
	 * @param line the line
	 * @return whether it was queued; {@code false} when the queue is full and the line
	 * was dropped
	 */
	boolean offer(AccessLogLine line) {
		if (this.queue.offer(line)) {
			return true;
		}
		this.dropped.increment();
		return false;
	}

	/**
	 * How many lines were dropped because the queue was full.
	 * @return the count since start
	 */
	long dropped() {
		return this.dropped.sum();
	}

	private void run() {
		while (true) {
			AccessLogLine line = this.queue.poll();
			if (line != null) {
				write(line);
			}
			else if (this.running) {
				// close() unparks a sleeping writer; the loop then drains what is left
				LockSupport.parkNanos(this, IDLE_NANOS);
			}
			else {
				// stopping: what was offered before close() is in the queue now
				for (AccessLogLine rest = this.queue.poll(); rest != null; rest = this.queue.poll()) {
					write(rest);
				}
				return;
			}
		}
	}

	private void write(AccessLogLine line) {
		try {
			this.sink.accept(line);
		}
		catch (RuntimeException ex) {
			// one line that cannot be written must not stop the access log
			this.dropped.increment();
		}
	}

	/**
	 * Writes what is queued and stops the thread, waiting at most five seconds.
	 */
	@Override
	public void close() {
		this.running = false;
		LockSupport.unpark(this.thread);
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
