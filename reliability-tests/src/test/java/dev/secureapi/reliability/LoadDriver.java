package dev.secureapi.reliability;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the API's request mix to one or more instances on loopback at a fixed rate,
 * bounded in count and time, and records every answer (status, latency, problem type, the
 * W3C trace id it sent). An instance that refuses the connection is skipped for the next
 * one (the request was never sent, so this is safe for writes too).
 */
final class LoadDriver {

	/**
	 * The mix, one entry per request slot: reads dominate, logins and registrations
	 * (password hashing) are rare.
	 */
	private static final List<String> MIX = List.of("me", "patch", "me", "list", "me", "refresh", "me", "patch",
			"register", "me", "list", "me", "token", "me", "patch", "stream", "me", "refresh", "me", "list");

	/** The longest a request may take before it counts as hung. */
	static final Duration HANG = Duration.ofSeconds(20);

	private static final long MAX_REQUESTS = 200_000;

	private static final Duration MAX_RUN = Duration.ofMinutes(15);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");

	/**
	 * The JDK client's switch for resending any request, not only GET and HEAD, once on a
	 * new connection when a connection taken from its pool closed before a single byte of
	 * the answer came back: a stopping Tomcat closes kept-alive connections without
	 * reading the request written onto them, and HTTP/1.1 has no way to announce it.
	 * Browsers and OkHttp resend in that case too. Read once, when the JDK's
	 * {@code MultiExchange} class loads, so it is set on the test JVM's command line.
	 */
	static final String RESEND_PROPERTY = "jdk.httpclient.enableAllMethodRetry";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Integer> ports;

	private final ConcurrentLinkedQueue<User> users = new ConcurrentLinkedQueue<>();

	private final List<Sample> samples = new CopyOnWriteArrayList<>();

	private final AtomicInteger slot = new AtomicInteger();

	private final AtomicInteger nextPort = new AtomicInteger();

	private final AtomicLong sent = new AtomicLong();

	private final long epoch = System.nanoTime();

	private final ThreadPoolExecutor workers = new ThreadPoolExecutor(48, 48, 1, TimeUnit.MINUTES,
			new SynchronousQueue<>(), (task) -> {
				Thread thread = new Thread(task, "load-driver");
				thread.setDaemon(true);
				return thread;
			});

	private volatile String adminToken = "";

	private volatile String userPrefix = "";

	private ScheduledExecutorService ticker;

	LoadDriver(List<Integer> ports) {
		if (!Boolean.getBoolean(RESEND_PROPERTY)) {
			throw new IllegalStateException("The load driver resends a request whose kept-alive connection closed "
					+ "before any answer, as browsers do; run it with -D" + RESEND_PROPERTY + "=true");
		}
		this.ports = new CopyOnWriteArrayList<>(ports);
	}

	/**
	 * One answer. {@code status} is 0 for an I/O failure, -1 for a request the driver
	 * could not send in time.
	 */
	record Sample(String op, long startMs, long latencyMs, int status, String problem, boolean retryAfter,
			String traceId, int port) {

		/**
		 * Whether the answer is one a client cannot act on: no answer (I/O failure, hung
		 * past {@link #HANG}), a 5xx other than 503 with {@code Retry-After}, or a 401 (a
		 * refresh token spent by a half-applied grant). Requests the driver itself could
		 * not send in time ({@code -1}) are reported, not counted here.
		 */
		boolean isError() {
			return this.status == 0 || this.status == 401
					|| (this.status >= 500 && !(this.status == 503 && this.retryAfter));
		}

	}

	static final class User {

		final String username;

		final String password;

		volatile String accessToken;

		volatile String refreshToken;

		User(String username, String password, String accessToken, String refreshToken) {
			this.username = username;
			this.password = password;
			this.accessToken = accessToken;
			this.refreshToken = refreshToken;
		}

	}

	/**
	 * Registers and logs in the users the mix acts as, and logs in the administrator.
	 * @param count how many users
	 * @param admin the administrator's name
	 * @param adminPassword the administrator's password
	 * @throws Exception if the application refuses
	 */
	void prepare(int count, String admin, String adminPassword) throws Exception {
		this.userPrefix = "rel" + Long.toString(System.nanoTime() % 1_000_000, 36);
		this.adminToken = login(admin, adminPassword).path("access_token").asString();
		// a few at a time: registration and login each hash a password
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<User>> made = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String username = this.userPrefix + "u" + i;
				made.add(pool.submit(() -> newUser(username)));
			}
			for (Future<User> user : made) {
				this.users.add(user.get(120, TimeUnit.SECONDS));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Registers and logs in a user as a client would: a 503 (a backend still connecting)
	 * is retried after a pause.
	 */
	private User newUser(String username) throws IOException, InterruptedException {
		String password = "pw-" + username + "-Secret1";
		Response registered = null;
		for (int attempt = 0; attempt < 30; attempt++) {
			registered = send("POST", "/api/v1/users",
					json(Map.of("username", username, "email", username + "@example.test", "password", password)), null,
					"prepare");
			if (registered.status != 503) {
				break;
			}
			Thread.sleep(1000);
		}
		if (registered.status != 201) {
			throw new IllegalStateException("registration failed: " + registered.status + " " + registered.body);
		}
		JsonNode tokens = login(username, password);
		return new User(username, password, tokens.path("access_token").asString(),
				tokens.path("refresh_token").asString());
	}

	List<User> users() {
		return new ArrayList<>(this.users);
	}

	String adminToken() {
		return this.adminToken;
	}

	long elapsedMs() {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.epoch);
	}

	/**
	 * Stops sending to an instance (it is being shut down by the test; the driver would
	 * also skip it itself).
	 */
	void forget(int port) {
		this.ports.remove(Integer.valueOf(port));
	}

	/**
	 * Starts sending the mix.
	 * @param perSecond requests per second
	 */
	synchronized void start(int perSecond) {
		long periodMicros = 1_000_000L / perSecond;
		long stopAt = System.nanoTime() + MAX_RUN.toNanos();
		this.ticker = Executors.newSingleThreadScheduledExecutor();
		this.ticker.scheduleAtFixedRate(() -> {
			if (this.sent.get() >= MAX_REQUESTS || System.nanoTime() > stopAt) {
				return;
			}
			String op = MIX.get(Math.floorMod(this.slot.getAndIncrement(), MIX.size()));
			long start = elapsedMs();
			try {
				this.workers.execute(() -> run(op));
				this.sent.incrementAndGet();
			}
			catch (RejectedExecutionException ex) {
				this.samples.add(new Sample(op, start, 0, -1, "driver saturated", false, "", 0));
			}
		}, 0, periodMicros, TimeUnit.MICROSECONDS);
	}

	/**
	 * Stops sending and waits for the requests in flight.
	 * @throws InterruptedException if interrupted
	 */
	synchronized void stop() throws InterruptedException {
		if (this.ticker != null) {
			this.ticker.shutdownNow();
			this.ticker = null;
		}
		long deadline = System.nanoTime() + HANG.toNanos() + TimeUnit.SECONDS.toNanos(5);
		while (this.workers.getActiveCount() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

	void shutdown() {
		this.workers.shutdownNow();
	}

	/**
	 * The samples of requests that started in a window.
	 * @param fromMs start, inclusive
	 * @param toMs end, exclusive
	 * @return the samples
	 */
	List<Sample> samples(long fromMs, long toMs) {
		return this.samples.stream()
			.filter((sample) -> sample.startMs() >= fromMs && sample.startMs() < toMs)
			.collect(Collectors.toList());
	}

	List<Sample> samples() {
		return Collections.unmodifiableList(this.samples);
	}

	private void run(String op) {
		User user = null;
		if (!op.equals("register") && !op.equals("list") && !op.equals("stream")) {
			user = this.users.poll();
			if (user == null) {
				this.samples.add(new Sample(op, elapsedMs(), 0, -1, "no free user", false, "", 0));
				return;
			}
		}
		try {
			switch (op) {
				case "me" -> send("GET", "/api/v1/users/me", null, user.accessToken, op);
				case "patch" -> send("PATCH", "/api/v1/users/me",
						json(Map.of("display_name", "Name " + ThreadLocalRandom.current().nextInt(1_000_000))),
						user.accessToken, op);
				case "list" -> send("GET", "/api/v1/users?limit=20&name=" + this.userPrefix, null, this.adminToken, op);
				case "stream" ->
					send("GET", "/api/v1/users/stream?name=" + this.userPrefix + "u", null, this.adminToken, op);
				case "register" -> {
					String username = this.userPrefix + "r" + Long.toString(System.nanoTime(), 36);
					send("POST", "/api/v1/users", json(Map.of("username", username, "email", username + "@example.test",
							"password", "pw-" + username + "-Secret1")), null, op);
				}
				case "token" -> {
					Response response = send("POST", "/api/v1/token", form(
							Map.of("grant_type", "password", "username", user.username, "password", user.password)),
							null, op);
					adopt(user, response);
				}
				case "refresh" -> {
					Response response = send("POST", "/api/v1/token",
							form(Map.of("grant_type", "refresh_token", "refresh_token", user.refreshToken)), null, op);
					adopt(user, response);
				}
				default -> throw new IllegalArgumentException(op);
			}
		}
		finally {
			if (user != null) {
				this.users.add(user);
			}
		}
	}

	/**
	 * Keeps the tokens of a successful grant; on a failed one the old refresh token must
	 * still be good.
	 */
	private static void adopt(User user, Response response) {
		if (response.status == 200) {
			JsonNode tokens = JSON.readTree(response.body);
			user.accessToken = tokens.path("access_token").asString();
			user.refreshToken = tokens.path("refresh_token").asString();
		}
	}

	/**
	 * Logs in as a client would: a 503 (the login guard's backend still connecting) is
	 * retried after a pause.
	 */
	private JsonNode login(String username, String password) throws IOException, InterruptedException {
		Response response = null;
		for (int attempt = 0; attempt < 30; attempt++) {
			response = send("POST", "/api/v1/token",
					form(Map.of("grant_type", "password", "username", username, "password", password)), null,
					"prepare");
			if (response.status != 503) {
				break;
			}
			Thread.sleep(1000);
		}
		if (response.status != 200) {
			throw new IOException("login failed: " + response.status + " " + response.body);
		}
		return JSON.readTree(response.body);
	}

	/**
	 * Sends one request and records its sample; refused connections go to the next
	 * instance.
	 */
	Response send(String method, String path, Body body, String token, String op) {
		String traceId = hex(16);
		long start = elapsedMs();
		long startNanos = System.nanoTime();
		int attempts = this.ports.size();
		// round robin over the requests; within one request every instance once (another
		// thread's request moves the shared counter, so it cannot pick the next one)
		int first = Math.floorMod(this.nextPort.getAndIncrement(), this.ports.size());
		for (int attempt = 0; attempt < Math.max(1, attempts); attempt++) {
			int port = this.ports.get((first + attempt) % this.ports.size());
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(HANG)
				.header("X-Forwarded-Proto", "https")
				.header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
				.method(method, (body != null) ? body.publisher() : BodyPublishers.noBody());
			if (body != null) {
				request.header("Content-Type", body.contentType());
			}
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			try {
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
				this.samples.add(new Sample(op, start, latency, response.statusCode(), problem(response),
						response.headers().firstValue("Retry-After").isPresent(), traceId, port));
				return new Response(response.statusCode(), response.body());
			}
			catch (ConnectException ex) {
				// refused: never sent, try the next instance
			}
			catch (HttpTimeoutException ex) {
				return failed(op, start, startNanos, "hung", traceId, port);
			}
			catch (IOException ex) {
				// an idempotent request the instance did not answer: sent again to the
				// next instance, as HTTP clients may (RFC 9110, 9.2.2); any other
				// request is a failure the suite counts (a kept-alive connection closed
				// before any answer was already resent by the client, RESEND_PROPERTY)
				if (!IDEMPOTENT.contains(method) || attempt + 1 >= attempts) {
					return failed(op, start, startNanos, "io: " + describe(ex), traceId, port);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return failed(op, start, startNanos, "interrupted", traceId, port);
			}
		}
		return failed(op, start, startNanos, "refused by every instance", traceId, 0);
	}

	private Response failed(String op, long start, long startNanos, String what, String traceId, int port) {
		long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
		this.samples.add(new Sample(op, start, latency, 0, what, false, traceId, port));
		return new Response(0, what);
	}

	private static String describe(IOException ex) {
		// the JDK client rethrows an exchange's failure as a plain IOException with the
		// cause attached
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName() + " (" + cause.getMessage() + ")";
	}

	private static String problem(HttpResponse<String> response) {
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (!type.startsWith("application/problem+json")) {
			return "";
		}
		try {
			JsonNode problem = JSON.readTree(response.body());
			String problemType = problem.path("type").asString("");
			return (problemType.isEmpty() || problemType.equals("about:blank")) ? problem.path("title").asString("")
					: problemType;
		}
		catch (RuntimeException ex) {
			return "unreadable problem";
		}
	}

	private static String hex(int bytes) {
		StringBuilder hex = new StringBuilder();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < bytes; i++) {
			hex.append(String.format("%02x", random.nextInt(256)));
		}
		return hex.toString();
	}

	static Body json(Map<String, ?> value) {
		return new Body("application/json", JSON.writeValueAsString(value));
	}

	static Body form(Map<String, String> fields) {
		return new Body("application/x-www-form-urlencoded",
				fields.entrySet()
					.stream()
					.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
					.collect(Collectors.joining("&")));
	}

	record Body(String contentType, String content) {

		BodyPublisher publisher() {
			return BodyPublishers.ofString(this.content);
		}

	}

	record Response(int status, String body) {
	}

}
