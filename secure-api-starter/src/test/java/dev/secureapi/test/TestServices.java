package dev.secureapi.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import com.redis.testcontainers.RedisContainer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL and Redis servers integration tests run against, resolved once per JVM
 * in the order the project fixes: the environment variable, else a Testcontainers
 * container when Docker answers, else none.
 *
 * <p>
 * Use {@link RequiresServices} on the test class so a missing server skips (or fails) the
 * class before any of these methods is called.
 */
public final class TestServices {

	/** System property that turns a missing service into a failure instead of a skip. */
	public static final String REQUIRE_SERVICES_PROPERTY = "secure-api.test.require-services";

	/** Environment variable holding the JDBC URL of the PostgreSQL server. */
	public static final String POSTGRES_URL_VARIABLE = "SECURE_API_TEST_POSTGRES_URL";

	/**
	 * Environment variable holding the {@code redis://host:port} URL of the Redis server.
	 */
	public static final String REDIS_URL_VARIABLE = "SECURE_API_TEST_REDIS_URL";

	private static Resolved<PostgresServer> postgres;

	private static Resolved<RedisServer> redis;

	private TestServices() {
	}

	/**
	 * The PostgreSQL server.
	 * @return the server
	 * @throws IllegalStateException when none is available
	 */
	public static PostgresServer postgres() {
		return resolvePostgres().require("PostgreSQL");
	}

	/**
	 * The Redis server.
	 * @return the server
	 * @throws IllegalStateException when none is available
	 */
	public static RedisServer redis() {
		return resolveRedis().require("Redis");
	}

	static boolean servicesRequired() {
		return Boolean.getBoolean(REQUIRE_SERVICES_PROPERTY);
	}

	static Availability postgresAvailability() {
		return resolvePostgres().availability();
	}

	static Availability redisAvailability() {
		return resolveRedis().availability();
	}

	private static synchronized Resolved<PostgresServer> resolvePostgres() {
		if (postgres == null) {
			postgres = Resolved.of(TestServices::findPostgres);
		}
		return postgres;
	}

	private static synchronized Resolved<RedisServer> resolveRedis() {
		if (redis == null) {
			redis = Resolved.of(TestServices::findRedis);
		}
		return redis;
	}

	private static PostgresServer findPostgres() throws UnavailableException {
		String url = System.getenv(POSTGRES_URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			PostgresServer server = new PostgresServer(url, null, null);
			server.checkConnection();
			return server;
		}
		requireDocker(POSTGRES_URL_VARIABLE);
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
		container.start();
		return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	private static RedisServer findRedis() throws UnavailableException {
		String url = System.getenv(REDIS_URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			URI uri = URI.create(url);
			RedisServer server = new RedisServer(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 6379);
			server.checkConnection();
			return server;
		}
		requireDocker(REDIS_URL_VARIABLE);
		RedisContainer container = new RedisContainer(RedisContainer.DEFAULT_IMAGE_NAME.withTag("7-alpine"));
		container.start();
		return new RedisServer(container.getRedisHost(), container.getRedisPort());
	}

	private static void requireDocker(String variable) throws UnavailableException {
		boolean docker;
		try {
			docker = DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			docker = false;
		}
		if (!docker) {
			throw new UnavailableException(variable + " is not set and no Docker daemon answers for Testcontainers");
		}
	}

	/**
	 * Whether a service is available, and why not.
	 *
	 * @param available whether it is
	 * @param reason why it is not, or {@code null}
	 */
	record Availability(boolean available, String reason) {
	}

	/**
	 * A PostgreSQL server. Each test class makes its own database with
	 * {@link #createDatabase()}, so no test depends on what an earlier run left behind.
	 *
	 * @param jdbcUrl the JDBC URL of the server's default database
	 * @param username the user name, or {@code null} when the URL carries it
	 * @param password the password, or {@code null} when the URL carries it (or trust
	 * auth is used)
	 */
	public record PostgresServer(String jdbcUrl, String username, String password) {

		/**
		 * Creates a new, empty database that is dropped when the JVM exits.
		 * @return the JDBC URL of the new database
		 */
		public String createDatabase() {
			String name = "secure_api_test_" + Long.toUnsignedString(System.nanoTime(), 36)
					+ Integer.toUnsignedString(Thread.currentThread().hashCode(), 36);
			execute("CREATE DATABASE " + name);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				}
				catch (RuntimeException ex) {
					// the server may already be gone at shutdown; a leftover database
					// breaks nothing
				}
			}));
			return withDatabase(name);
		}

		/**
		 * Opens a connection to the given database URL with this server's credentials.
		 * @param url a JDBC URL returned by {@link #createDatabase()} or
		 * {@link #jdbcUrl()}
		 * @return the connection
		 * @throws SQLException if the connection cannot be made
		 */
		public Connection connect(String url) throws SQLException {
			return (this.username != null) ? DriverManager.getConnection(url, this.username, this.password)
					: DriverManager.getConnection(url);
		}

		private void checkConnection() throws UnavailableException {
			try (Connection connection = connect(this.jdbcUrl)) {
				connection.isValid(5);
			}
			catch (SQLException ex) {
				throw new UnavailableException(
						POSTGRES_URL_VARIABLE + "=" + this.jdbcUrl + " does not answer: " + ex.getMessage());
			}
		}

		private void execute(String sql) {
			try (Connection connection = connect(this.jdbcUrl); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not run '" + sql + "' on " + this.jdbcUrl, ex);
			}
		}

		private String withDatabase(String database) {
			URI uri = URI.create(this.jdbcUrl.substring("jdbc:".length()));
			String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
			return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database + query;
		}

	}

	/**
	 * A Redis server shared by the whole test run. Tests keep their keys apart with
	 * {@link #uniquePrefix()}.
	 *
	 * @param host the host
	 * @param port the port
	 */
	public record RedisServer(String host, int port) {

		/**
		 * The server's URL.
		 * @return {@code redis://host:port}
		 */
		public String url() {
			return "redis://" + this.host + ":" + this.port;
		}

		/**
		 * A key prefix no other test (or earlier run) uses.
		 * @return a prefix ending in {@code :}
		 */
		public String uniquePrefix() {
			return "test:" + Long.toUnsignedString(System.nanoTime(), 36) + ":";
		}

		private void checkConnection() throws UnavailableException {
			if (!ping(this.host, this.port)) {
				throw new UnavailableException(REDIS_URL_VARIABLE + "=" + url() + " does not answer PING");
			}
		}

		static boolean ping(String host, int port) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host, port), 2000);
				socket.setSoTimeout(2000);
				OutputStream out = socket.getOutputStream();
				out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] reply = in.readNBytes(7);
				return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

	private static final class UnavailableException extends Exception {

		UnavailableException(String message) {
			super(message, null, false, false);
		}

	}

	@FunctionalInterface
	private interface Finder<T> {

		T find() throws UnavailableException;

	}

	private record Resolved<T>(T server, String reason) {

		static <T> Resolved<T> of(Finder<T> finder) {
			try {
				return new Resolved<>(finder.find(), null);
			}
			catch (UnavailableException ex) {
				return new Resolved<>(null, ex.getMessage());
			}
		}

		Availability availability() {
			return new Availability(this.server != null, this.reason);
		}

		T require(String name) {
			if (this.server == null) {
				throw new IllegalStateException(name + " is not available: " + this.reason
						+ " (annotate the test class with @RequiresServices)");
			}
			return this.server;
		}

	}

}
