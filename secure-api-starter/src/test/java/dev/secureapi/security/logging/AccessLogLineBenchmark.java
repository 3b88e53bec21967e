package dev.secureapi.security.logging;

import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * The access log's cost per line, in its two halves: what the request thread does
 * (capture the fields and the logging context, queue them) and what the writer thread
 * does (Spring Boot's ECS JSON encoding with the kit's masking, appended to a stream that
 * discards the bytes, so no console or disk is measured). {@code encoder} {@code boot} is
 * Spring Boot's {@code StructuredLogEncoder} as configured, {@code kit} the same
 * formatter behind the starter's {@link StringFormattingEncoder} (what an application
 * with the starter runs). Run with {@code org.openjdk.jmh.Main AccessLogLineBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class AccessLogLineBenchmark {

	private static final AccessLogLine LINE = new AccessLogLine("GET", "/api/v1/users/me", 200, 3, "127.0.0.1", 183,
			"0f8b3c5e-6d7a-4a8e-9b1c-2d3e4f5a6b7c", Map.of("request_id", "6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"));

	@Param({ "boot", "kit" })
	public String encoder;

	private OutputStreamAppender<ILoggingEvent> appender;

	private AccessLogWriter writer;

	@Setup(org.openjdk.jmh.annotations.Level.Trial)
	public void setUp() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.putObject(Environment.class.getName(), new StandardEnvironment());
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat("ecs");
		encoder.start();
		this.appender = new OutputStreamAppender<>();
		this.appender.setContext(context);
		this.appender.setEncoder(encoder);
		this.appender.setOutputStream(OutputStream.nullOutputStream());
		this.appender.start();
		Logger logger = context.getLogger(AccessLogFilter.LOGGER_NAME);
		logger.setLevel(Level.INFO);
		logger.setAdditive(false);
		logger.addAppender(this.appender);
		if ("kit".equals(this.encoder)) {
			StringFormattingEncoder.install(context);
		}
		// the request thread's half queues to a writer that discards, so the queue never
		// fills
		this.writer = new AccessLogWriter(8192, (line) -> {
		});
		MDC.put("request_id", "6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
	}

	@TearDown(org.openjdk.jmh.annotations.Level.Trial)
	public void tearDown() {
		this.writer.close();
		this.appender.stop();
		MDC.clear();
	}

	/** The request thread: capture the line with its logging context and queue it. */
	@Benchmark
	public boolean requestThread() {
		return this.writer.offer(new AccessLogLine("GET", "/api/v1/users/me", 200, 3, "127.0.0.1", 183,
				"0f8b3c5e-6d7a-4a8e-9b1c-2d3e4f5a6b7c", MDC.getCopyOfContextMap()));
	}

	/**
	 * The writer thread: one line through SLF4J, ECS JSON with masking, and the appender.
	 */
	@Benchmark
	public void writerThread() {
		AccessLogFilter.write(LINE);
	}

}
