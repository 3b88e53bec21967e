package dev.secureapi.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.secureapi.reliability.LoadDriver.Sample;

/**
 * What the suite measured, written as Markdown to {@code target/reliability/report.md}:
 * one row per fault (answers by status, worst latency, time to recover), latency
 * percentiles per endpoint, and the trace ids of the slowest requests, so their log lines
 * can be found.
 */
final class Report {

	private final List<String> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private final List<Sample> slowest = new ArrayList<>();

	/**
	 * A fault's row.
	 * @param fault what was done
	 * @param before the samples before the fault
	 * @param during the samples while it lasted
	 * @param recoveryMs the time from the repair to the last failed request, or -1 when
	 * not measured
	 * @param beforeSeconds the length of the window before the fault
	 * @param seconds the fault's length in seconds
	 */
	void fault(String fault, List<Sample> before, List<Sample> during, long recoveryMs, double beforeSeconds,
			double seconds) {
		this.rows.add("| " + fault + " | " + statuses(during) + " | " + worst(during) + " ms | "
				+ String.format("%.1f", ok(before) / beforeSeconds) + " / "
				+ String.format("%.1f", ok(during) / seconds) + " | " + ((recoveryMs < 0) ? "–" : recoveryMs + " ms")
				+ " |");
		this.slowest.addAll(during);
	}

	void note(String note) {
		this.notes.add(note);
	}

	static String statuses(List<Sample> samples) {
		Map<String, Long> counts = new TreeMap<>();
		for (Sample sample : samples) {
			String key = (sample.status() > 0) ? String.valueOf(sample.status()) : sample.problem();
			counts.merge(key, 1L, Long::sum);
		}
		return counts.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ": " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	static long worst(List<Sample> samples) {
		return samples.stream().mapToLong(Sample::latencyMs).max().orElse(0);
	}

	static long ok(List<Sample> samples) {
		return samples.stream().filter((sample) -> sample.status() >= 200 && sample.status() < 300).count();
	}

	static long count(List<Sample> samples, Predicate<Sample> which) {
		return samples.stream().filter(which).count();
	}

	/**
	 * The time from the repair to the end of the last request that failed after it.
	 * @param after the samples that started after the repair
	 * @param repairedAtMs when the repair happened
	 * @return milliseconds, 0 when nothing failed after the repair
	 */
	static long recovery(List<Sample> after, long repairedAtMs) {
		return after.stream()
			.filter((sample) -> sample.status() < 200 || sample.status() >= 300)
			.mapToLong((sample) -> sample.startMs() + sample.latencyMs() - repairedAtMs)
			.max()
			.orElse(0);
	}

	static String percentiles(List<Sample> samples) {
		Map<String, List<Long>> byOp = new TreeMap<>();
		samples.stream()
			.filter((sample) -> sample.status() > 0)
			.forEach((sample) -> byOp.computeIfAbsent(sample.op(), (op) -> new ArrayList<>()).add(sample.latencyMs()));
		StringBuilder table = new StringBuilder("| endpoint | requests | p50 | p99 | max |\n|---|---|---|---|---|\n");
		byOp.forEach((op, latencies) -> {
			latencies.sort(null);
			table.append("| ")
				.append(op)
				.append(" | ")
				.append(latencies.size())
				.append(" | ")
				.append(at(latencies, 0.50))
				.append(" ms | ")
				.append(at(latencies, 0.99))
				.append(" ms | ")
				.append(latencies.get(latencies.size() - 1))
				.append(" ms |\n");
		});
		return table.toString();
	}

	private static long at(List<Long> sorted, double quantile) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
	}

	void write(Path directory) throws IOException {
		StringBuilder out = new StringBuilder("# Fault suite report\n\n");
		out.append("JDK ")
			.append(System.getProperty("java.vm.vendor"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPUs, ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.arch"))
			.append("\n\n");
		out.append("| fault | answers during the fault | worst latency | 2xx/s before / during | recovered after |\n");
		out.append("|---|---|---|---|---|\n");
		this.rows.forEach((row) -> out.append(row).append('\n'));
		out.append('\n');
		this.notes.forEach((note) -> out.append(note).append("\n\n"));
		out.append("Slowest requests during the faults (trace id sent in `traceparent`; grep the logs for it):\n\n");
		this.slowest.stream()
			.sorted(Comparator.comparingLong(Sample::latencyMs).reversed())
			.limit(5)
			.forEach((sample) -> out.append("- ")
				.append(sample.op())
				.append(' ')
				.append(sample.latencyMs())
				.append(" ms, status ")
				.append((sample.status() > 0) ? String.valueOf(sample.status()) : sample.problem())
				.append(", trace_id ")
				.append(sample.traceId())
				.append('\n'));
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("report.md"), out);
		System.out.println(out);
	}

}
