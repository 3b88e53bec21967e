package dev.secureapi.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.secureapi.crypto.support.FakeVaultServer;
import dev.secureapi.reliability.FaultProxy.Mode;
import dev.secureapi.reliability.LoadDriver.Sample;
import dev.secureapi.reliability.LoadDriver.User;
import dev.secureapi.test.RedisServerProcess;
import dev.secureapi.test.RequiresServices;
import dev.secureapi.test.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example app's packaged jar in the {@code prod} profile, under a steady request mix,
 * while its dependencies fail: its own {@code redis-server} (killed, then stopped with
 * SIGSTOP), its own PostgreSQL database behind a {@link FaultProxy} (cut), an in-process
 * Vault transit endpoint behind another proxy (down, hanging), and a second instance to
 * fail over to while the first gets SIGTERM. Each fault asserts what users must see (no
 * 500, no hang, 503 problem+json with Retry-After where a dependency is needed, nothing
 * half-written, recovery without restart); the measured numbers go to
 * {@code target/reliability/report.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresServices(RequiresServices.Service.POSTGRES)
class FaultSuiteTests {

	private static final String ADMIN = "boss";

	private static final String ADMIN_PASSWORD = "Correct-Horse-Battery-9";

	/**
	 * Requests per second of the mix; low enough for a shared 2-core machine, high enough
	 * to see a collapse.
	 */
	private static final int RATE = 10;

	/**
	 * The mix's window before each fault: the rate it is compared with (40 requests at
	 * {@link #RATE}).
	 */
	private static final int BEFORE_SECONDS = 4;

	/** Everything must work again this long after a repair. */
	private static final long RECOVERY_MS = 5000;

	/**
	 * How long the mix runs after a repair: the last 3 s of it are the recovery check.
	 */
	private static final long AFTER_MS = 8000;

	private final Path reports = Path.of(System.getProperty("reliability.report-dir", "target/reliability"));

	private final Report report = new Report();

	private RedisServerProcess redis;

	private FakeVaultServer vault;

	private FaultProxy vaultProxy;

	private FaultProxy postgresProxy;

	private String databaseUrl;

	private AppInstance app;

	private LoadDriver driver;

	@BeforeAll
	void start() throws Exception {
		boolean required = Boolean.getBoolean(TestServices.REQUIRE_SERVICES_PROPERTY);
		Assumptions.assumeTrue(RedisServerProcess.isInstalled() || required, "redis-server is not on the PATH");
		this.redis = RedisServerProcess.start();
		this.vault = new FakeVaultServer();
		this.vaultProxy = new FaultProxy("127.0.0.1", this.vault.uri().getPort());
		this.databaseUrl = TestServices.postgres().createDatabase();
		URI server = URI.create(this.databaseUrl.substring("jdbc:".length()));
		this.postgresProxy = new FaultProxy(server.getHost(), server.getPort());
		this.app = AppInstance.start("instance-a", settings(true), this.reports);
		this.driver = new LoadDriver(List.of(this.app.port()));
		this.driver.prepare(30, ADMIN, ADMIN_PASSWORD);
	}

	@AfterAll
	void stop() throws Exception {
		if (this.redis == null) {
			return;
		}
		try {
			this.report.write(this.reports);
		}
		finally {
			if (this.driver != null) {
				this.driver.shutdown();
			}
			if (this.app != null) {
				this.app.close();
			}
			this.redis.close();
			this.vaultProxy.close();
			this.vault.close();
			this.postgresProxy.close();
		}
	}

	@Test
	@Order(1)
	void redisKilledWithFailOpenLimitsCostsNoErrorAndNoWait() throws Exception {
		List<Integer> probes = new ArrayList<>();
		Phase phase = fault(8, () -> {
			this.redis.stop();
			sleep(2000);
			probes.add(this.app.probe("/actuator/health/liveness"));
			probes.add(this.app.probe("/actuator/health/readiness"));
		}, () -> restart(this.redis));
		this.report.fault("Redis killed (rate limits fail-open)", phase.before, phase.during, phase.recoveryMs(),
				phase.beforeSeconds(), 8);
		assertThat(probes).as("liveness and readiness while Redis is down").containsExactly(200, 200);
		assertThat(phase.during).as("answers while Redis is down").isNotEmpty().noneMatch(Sample::isError);
		assertThat(phase.settled).as("answers once Redis is back").noneMatch(Sample::isError);
	}

	@Test
	@Order(2)
	void redisStalledHoldsNoRequestPastTheCommandTimeout() throws Exception {
		long pid = redisPid();
		Phase phase = fault(6, () -> signal("STOP", pid), () -> signal("CONT", pid));
		this.report.fault("Redis stalls (SIGSTOP; command timeout 500 ms)", phase.before, phase.during,
				phase.recoveryMs(), phase.beforeSeconds(), 6);
		assertThat(phase.during).as("answers while Redis does not answer").isNotEmpty().noneMatch(Sample::isError);
		assertThat(phase.settled).noneMatch(Sample::isError);
	}

	@Test
	@Order(3)
	void postgresCutAnswers503WithRetryAfterAndRecoversWithoutRestart() throws Exception {
		List<Integer> liveness = new ArrayList<>();
		List<Integer> limited = new ArrayList<>();
		probeLimited();
		Phase phase = fault(8, () -> {
			this.postgresProxy.mode(Mode.CUT);
			sleep(3000);
			liveness.add(this.app.probe("/actuator/health/liveness"));
			limited.add(probeLimited());
		}, () -> this.postgresProxy.mode(Mode.PASS));
		this.report.fault("PostgreSQL cut", phase.before, phase.during, phase.recoveryMs(), phase.beforeSeconds(), 8);
		assertThat(phase.during).as("answers while PostgreSQL is cut").isNotEmpty().noneMatch(Sample::isError);
		assertThat(liveness).as("liveness during the cut").containsExactly(200);
		assertThat(limited).as("a rate-limited path during the cut").containsExactly(429);
		assertThat(phase.settled).as("answers from 5 s after the repair").noneMatch(Sample::isError);
	}

	@Test
	@Order(4)
	void postgresCutInTheMiddleOfWritesLeavesNothingHalfWritten() throws Exception {
		Phase phase = fault(3, () -> this.postgresProxy.mode(Mode.CUT), () -> this.postgresProxy.mode(Mode.PASS));
		this.report.fault("PostgreSQL cut mid-write", phase.before, phase.during, phase.recoveryMs(),
				phase.beforeSeconds(), 3);
		assertThat(phase.during).noneMatch(Sample::isError);
		assertConsistent();
	}

	@Test
	@Order(5)
	void keyProviderDownKeepsReadsAndRefusesNewKeysWith503() throws Exception {
		List<Integer> probes = new ArrayList<>();
		Phase phase = fault(8, () -> {
			this.vaultProxy.mode(Mode.CUT);
			registrations(30);
			probes.add(this.app.probe("/actuator/health/liveness"));
			probes.add(this.app.probe("/actuator/health/readiness"));
		}, () -> this.vaultProxy.mode(Mode.PASS));
		assertThat(probes).as("liveness and readiness while the key provider is down").containsExactly(200, 200);
		this.report.fault("key provider down (connection refused)", phase.before, phase.during, phase.recoveryMs(),
				phase.beforeSeconds(), 8);
		assertThat(phase.during).as("answers while the key provider is down").noneMatch(Sample::isError);
		assertThat(phase.during).as("reads from cached data keys")
			.anyMatch((sample) -> sample.op().equals("list") && sample.status() == 200);
		assertThat(phase.during).as("registrations that need a new data key")
			.anyMatch((sample) -> sample.op().equals("register") && sample.status() == 503);
		assertThat(phase.settled).noneMatch(Sample::isError);
		assertConsistent();
	}

	@Test
	@Order(6)
	void keyProviderHangingIsBoundedByItsTimeout() throws Exception {
		Phase phase = fault(8, () -> {
			this.vaultProxy.mode(Mode.STALL);
			registrations(30);
		}, () -> this.vaultProxy.mode(Mode.PASS));
		this.report.fault("key provider hangs (timeout 5 s)", phase.before, phase.during, phase.recoveryMs(),
				phase.beforeSeconds(), 8);
		assertThat(phase.during).as("answers while the key provider hangs").noneMatch(Sample::isError);
		assertThat(phase.settled).noneMatch(Sample::isError);
		assertConsistent();
	}

	@Test
	@Order(7)
	void soakKeepsHeapThreadsAndConnectionsFlat() throws Exception {
		int seconds = Integer.getInteger("reliability.soak-seconds", 60);
		List<long[]> points = new ArrayList<>();
		long from = this.driver.elapsedMs();
		this.driver.start(RATE);
		for (int second = 0; second <= seconds; second += 10) {
			points.add(new long[] { this.driver.elapsedMs(), this.app.heapAfterFullGcKib(), this.app.threads(),
					this.postgresProxy.connections() });
			if (second < seconds) {
				Thread.sleep(Math.min(10, seconds - second) * 1000L);
			}
		}
		this.driver.stop();
		List<Sample> soak = this.driver.samples(from, this.driver.elapsedMs());
		long[] first = points.get(0);
		long[] last = points.get(points.size() - 1);
		double slope = slopeKibPerMinute(points);
		this.report.note("Soak, " + seconds + " s at " + RATE + " requests/s: " + Report.statuses(soak)
				+ ". Heap after full GC " + first[1] + " KiB → " + last[1] + " KiB (slope "
				+ String.format("%.0f", slope) + " KiB/min); live threads " + first[2] + " → " + last[2]
				+ "; PostgreSQL connections " + first[3] + " → " + last[3] + ".\n\n" + Report.percentiles(soak));
		assertThat(soak).isNotEmpty().noneMatch(Sample::isError);
		assertThat(soak).noneMatch((sample) -> sample.status() >= 400 && sample.status() < 500);
		assertThat(last[3]).as("PostgreSQL connections").isLessThanOrEqualTo(10);
		assertThat(last[2]).as("live threads").isLessThanOrEqualTo(first[2] + 20);
	}

	@Test
	@Order(8)
	void sigtermMidLoadCompletesInFlightRequestsAndTheDriverFailsOver() throws Exception {
		try (AppInstance second = AppInstance.start("instance-b", settings(false), this.reports)) {
			// the second instance refuses limited requests while its rate-limit backend
			// is down (fail-closed)
			LoadDriver closed = new LoadDriver(List.of(second.port()));
			closed.prepare(10, ADMIN, ADMIN_PASSWORD);
			Phase failClosed = fault(closed, 6, () -> this.redis.stop(), () -> restart(this.redis));
			closed.shutdown();
			this.report.fault("Redis killed (rate limits fail-closed)", failClosed.before, failClosed.during,
					failClosed.recoveryMs(), failClosed.beforeSeconds(), 6);
			assertThat(failClosed.during).noneMatch(Sample::isError);
			assertThat(failClosed.during).anyMatch((sample) -> sample.status() == 503);
			assertThat(failClosed.settled).noneMatch(Sample::isError);

			LoadDriver both = new LoadDriver(List.of(this.app.port(), second.port()));
			both.prepare(20, ADMIN, ADMIN_PASSWORD);
			long from = both.elapsedMs();
			both.start(RATE);
			Thread.sleep(5000);
			long killedAt = both.elapsedMs();
			int exit = this.app.terminate();
			Thread.sleep(5000);
			both.stop();
			both.shutdown();
			List<Sample> during = both.samples(killedAt, both.elapsedMs());
			this.report.fault("instance killed with SIGTERM (driver fails over)", both.samples(from, killedAt), during,
					-1, 5, 5);
			this.report.note("SIGTERM: the instance exited with " + exit + "; requests after the signal: "
					+ Report.statuses(during) + ".");
			assertThat(during).isNotEmpty().noneMatch(Sample::isError);
			assertThat(during).anyMatch((sample) -> sample.port() == second.port());
			this.app = null;
			this.driver = both;
			assertConsistent();
		}
	}

	private Phase fault(int seconds, Action inject, Action repair) throws Exception {
		return fault(this.driver, seconds, inject, repair);
	}

	/**
	 * Runs the mix: {@value #BEFORE_SECONDS} s (at most {@code seconds}) before the
	 * fault, the fault for {@code seconds}, then {@value #AFTER_MS} ms after the repair
	 * (answers from {@value #RECOVERY_MS} ms after it must all be good).
	 */
	private Phase fault(LoadDriver load, int seconds, Action inject, Action repair) throws Exception {
		int beforeSeconds = Math.min(seconds, BEFORE_SECONDS);
		long start = load.elapsedMs();
		load.start(RATE);
		Thread.sleep(beforeSeconds * 1000L);
		long injectedAt = load.elapsedMs();
		inject.run();
		long left = seconds * 1000L - (load.elapsedMs() - injectedAt);
		if (left > 0) {
			Thread.sleep(left);
		}
		long repairedAt = load.elapsedMs();
		repair.run();
		Thread.sleep(AFTER_MS);
		load.stop();
		long end = load.elapsedMs();
		return new Phase(load.samples(start, injectedAt), load.samples(injectedAt, repairedAt),
				load.samples(repairedAt, end), load.samples(repairedAt + RECOVERY_MS, end), repairedAt, beforeSeconds);
	}

	record Phase(List<Sample> before, List<Sample> during, List<Sample> after, List<Sample> settled, long repairedAt,
			int beforeSeconds) {

		long recoveryMs() {
			return Report.recovery(this.after, this.repairedAt);
		}

	}

	@FunctionalInterface
	interface Action {

		void run() throws Exception;

	}

	/**
	 * Registers users in parallel, next to the mix: enough encryptions to need new data
	 * keys.
	 */
	private void registrations(int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				done.add(pool.submit(() -> {
					String username = "relk" + Long.toString(System.nanoTime(), 36);
					this.driver.send(
							"POST", "/api/v1/users", LoadDriver.json(Map.of("username", username, "email",
									username + "@example.test", "password", "pw-" + username + "-Secret1")),
							null, "register");
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Nothing half-written: every user has a role, every live refresh family has a usable
	 * token, no e-mail is stored in plaintext, each user of the mix can still refresh
	 * with the last token it was given, and the administrator's stream decrypts every
	 * row.
	 */
	private void assertConsistent() throws Exception {
		try (Connection connection = TestServices.postgres().connect(this.databaseUrl);
				Statement statement = connection.createStatement()) {
			assertThat(count(statement,
					"SELECT count(*) FROM users u WHERE NOT EXISTS "
							+ "(SELECT 1 FROM user_roles r WHERE r.user_id = u.id)"))
				.as("users without a role")
				.isZero();
			assertThat(count(statement, "SELECT count(*) FROM secure_api_refresh_family f WHERE NOT f.revoked "
					+ "AND NOT EXISTS (SELECT 1 FROM secure_api_refresh_token t WHERE t.family_id = f.family_id "
					+ "AND NOT t.used)"))
				.as("refresh families left without a usable token")
				.isZero();
			assertThat(count(statement, "SELECT count(*) FROM users WHERE email LIKE '%@%'"))
				.as("e-mail addresses stored in plaintext")
				.isZero();
		}
		for (User user : this.driver.users()) {
			LoadDriver.Response refreshed = this.driver.send("POST", "/api/v1/token",
					LoadDriver.form(Map.of("grant_type", "refresh_token", "refresh_token", user.refreshToken)), null,
					"check");
			assertThat(refreshed.status()).as("refresh with %s's last token", user.username).isEqualTo(200);
			user.refreshToken = tools.jackson.databind.json.JsonMapper.builder()
				.build()
				.readTree(refreshed.body())
				.path("refresh_token")
				.asString();
		}
		LoadDriver.Response stream = this.driver.send("GET", "/api/v1/users/stream", null, this.driver.adminToken(),
				"check");
		assertThat(stream.status()).as("the administrator's stream of every user").isEqualTo(200);
	}

	private static long count(Statement statement, String sql) throws Exception {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	/**
	 * A public path limited to one request per hour: the first answer is 200, later ones
	 * 429.
	 */
	private int probeLimited() {
		return this.driver
			.send("POST", "/api/v1/token/revoke", LoadDriver.form(Map.of("token", "unknown")), null, "limited")
			.status();
	}

	private Map<String, String> settings(boolean failOpen) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.profiles.active", "prod");
		settings.put("spring.datasource.url",
				this.databaseUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + this.postgresProxy.port() + "/"));
		if (TestServices.postgres().username() != null) {
			settings.put("spring.datasource.username", TestServices.postgres().username());
			settings.put("spring.datasource.password", TestServices.postgres().password());
		}
		settings.put("spring.data.redis.url", this.redis.url());
		settings.put("app.admin.username", ADMIN);
		settings.put("app.admin.password", ADMIN_PASSWORD);
		settings.put("secure-api.jwt.secret", "reliability-secret-with-at-least-32-bytes-of-entropy!");
		settings.put("secure-api.proxy.trusted-proxies", "127.0.0.1/32,::1/128");
		settings.put("secure-api.crypto.provider", "vault-transit");
		settings.put("secure-api.crypto.vault-transit.uri", "http://127.0.0.1:" + this.vaultProxy.port());
		settings.put("secure-api.crypto.vault-transit.token", FakeVaultServer.TOKEN);
		settings.put("secure-api.crypto.vault-transit.key-name", "example-app");
		// a new data key every 25 encryptions, so the key-provider faults meet writes
		// that need one
		settings.put("secure-api.crypto.data-key-cache.max-uses", "25");
		settings.put("secure-api.crypto.blind-index.key", "cmVsaWFiaWxpdHkgc3VpdGUgYmxpbmQgaW5kZXggMzIh");
		settings.put("secure-api.rate-limit.fail-open", String.valueOf(failOpen));
		settings.put("secure-api.rate-limit.policies[0].name", "api");
		settings.put("secure-api.rate-limit.policies[0].paths[0]", "/api/**");
		settings.put("secure-api.rate-limit.policies[0].key", "ip");
		settings.put("secure-api.rate-limit.policies[0].limits[0].capacity", "1000000");
		settings.put("secure-api.rate-limit.policies[0].limits[0].period", "1m");
		settings.put("secure-api.rate-limit.policies[1].name", "probe");
		settings.put("secure-api.rate-limit.policies[1].paths[0]", "/api/v1/token/revoke");
		settings.put("secure-api.rate-limit.policies[1].key", "ip");
		settings.put("secure-api.rate-limit.policies[1].limits[0].capacity", "1");
		settings.put("secure-api.rate-limit.policies[1].limits[0].period", "1h");
		settings.put("secure-api.production-checks.ignored", System.getProperty("reliability.ignored-findings", ""));
		return settings;
	}

	/**
	 * The suite's redis-server, as Redis itself reports it ({@code INFO server}): the app
	 * instances' command lines name its port too, so matching child processes by port can
	 * pick an instance.
	 */
	private long redisPid() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.redis.port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("process_id:")) {
					return Long.parseLong(line.substring("process_id:".length()).trim());
				}
			}
		}
		throw new IllegalStateException("redis-server did not name its process id");
	}

	private static void signal(String signal, long pid) throws Exception {
		new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
	}

	private static void restart(RedisServerProcess server) throws Exception {
		server.restart();
	}

	private static void sleep(long millis) throws InterruptedException {
		Thread.sleep(millis);
	}

	private static double slopeKibPerMinute(List<long[]> points) {
		double n = points.size();
		double sx = 0;
		double sy = 0;
		double sxy = 0;
		double sxx = 0;
		for (long[] point : points) {
			double x = point[0] / 60_000.0;
			sx += x;
			sy += point[1];
			sxy += x * point[1];
			sxx += x * x;
		}
		double denominator = n * sxx - sx * sx;
		return (denominator == 0) ? 0 : (n * sxy - sx * sy) / denominator;
	}

}
