package dev.secureapi.security.logging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AccessLogWriterTests {

	@Test
	void aFullQueueDropsAndCountsLinesWithoutMakingTheCallerWait() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<AccessLogLine> written = new CopyOnWriteArrayList<>();
		try (AccessLogWriter writer = new AccessLogWriter(1, (line) -> {
			writing.countDown();
			hold(release);
			written.add(line);
		})) {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new AccessLogMeterBinder(writer).bindTo(registry);
			assertThat(writer.offer(line("/1"))).isTrue();
			assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
			// the writer is stuck on /1: /2 fills the queue, /3 and /4 find it full and
			// return at once
			assertThat(writer.offer(line("/2"))).isTrue();
			assertThat(writer.offer(line("/3"))).isFalse();
			assertThat(writer.offer(line("/4"))).isFalse();
			assertThat(writer.dropped()).isEqualTo(2);
			assertThat(registry.get(AccessLogMeterBinder.DROPPED).functionCounter().count()).isEqualTo(2.0);
			release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 2);
			assertThat(written).extracting(AccessLogLine::path).containsExactly("/1", "/2");
		}
	}

	@Test
	void linesAreLoggedOnTheWriterThreadWithTheRequestsLoggingContext() {
		try (AccessLogCapture capture = new AccessLogCapture();
				AccessLogWriter writer = new AccessLogWriter(16, AccessLogFilter::write)) {
			writer.offer(line("/api/things"));
			ILoggingEvent event = capture.single();
			assertThat(event.getThreadName()).isEqualTo(AccessLogWriter.THREAD_NAME);
			assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "req-1");
			assertThat(AccessLogCapture.fields(event)).containsEntry("path", "/api/things")
				.containsEntry("status", 200)
				.containsEntry("user", "alice");
		}
	}

	@Test
	void closeWritesWhatIsStillQueued() {
		List<AccessLogLine> written = new CopyOnWriteArrayList<>();
		AccessLogWriter writer = new AccessLogWriter(100, written::add);
		for (int i = 0; i < 50; i++) {
			writer.offer(line("/" + i));
		}
		writer.close();
		assertThat(written).hasSize(50);
	}

	private static AccessLogLine line(String path) {
		return new AccessLogLine("GET", path, 200, 3, "203.0.113.7", 42, "alice", Map.of("request_id", "req-1"));
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
