package dev.secureapi.security.problem;

import java.sql.SQLException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Recognises the failures of an infrastructure dependency (a database, Redis) that is
 * unreachable, out of connections or too slow: a condition the client can retry later,
 * answered 503 with {@code Retry-After} instead of 500. Matched by class name along the
 * cause chain and each class's superclasses, so the kit needs none of these libraries on
 * its classpath. Concurrency failures (optimistic locking, deadlocks) are not included:
 * they are the application's to answer.
 */
final class UnavailableDependency {

	/** Seconds a client is asked to wait before retrying. */
	static final String RETRY_AFTER_SECONDS = "5";

	/** The detail of the 503 problem. */
	static final String DETAIL = "A service this request needs is temporarily unavailable. Try again later.";

	private static final Set<String> UNAVAILABLE = Set.of(
			// Spring's translation of connection failures (JDBC, JPA, Redis) and of
			// timeouts
			"org.springframework.dao.DataAccessResourceFailureException",
			"org.springframework.dao.TransientDataAccessResourceException",
			"org.springframework.dao.QueryTimeoutException",
			// a transaction that could not begin: no connection from the pool
			"org.springframework.transaction.CannotCreateTransactionException",
			// JDBC: pool timeout (Hikari), broken connection, statement timeout
			"java.sql.SQLTransientConnectionException", "java.sql.SQLNonTransientConnectionException",
			"java.sql.SQLTimeoutException",
			// Lettuce used directly, without Spring's translation
			"io.lettuce.core.RedisConnectionException", "io.lettuce.core.RedisCommandTimeoutException",
			"io.lettuce.core.RedisLoadingException", "io.lettuce.core.RedisBusyException");

	/**
	 * What Lettuce says when it refuses a command while disconnected
	 * ({@code DisconnectedBehavior.REJECT_COMMANDS}); it has no exception type of its
	 * own, and Spring Data Redis wraps it as a generic {@code RedisSystemException}.
	 */
	private static final String LETTUCE_REJECTED = "Currently not connected";

	/**
	 * SQLState classes of a lost or refused connection: 08 (connection exception,
	 * standard SQL) and PostgreSQL's 57P01-57P03 (the server shutting down or not
	 * accepting connections). They also mark the rollback failure that replaces the
	 * original error when a connection breaks mid-transaction.
	 */
	private static final String[] CONNECTION_SQL_STATES = { "08", "57P01", "57P02", "57P03" };

	private static final String HIKARI_CLOSED = "Connection is closed";

	private UnavailableDependency() {
	}

	/**
	 * Whether a failure means a dependency is unavailable.
	 * @param failure the failure, or {@code null}
	 * @return whether it or one of its causes is an unavailable-dependency failure
	 */
	static boolean isCause(@Nullable Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
			if (cause instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isClosedPooled(sql))) {
				return true;
			}
			for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
				if (UNAVAILABLE.contains(type.getName()) || (type.getName().equals("io.lettuce.core.RedisException")
						&& cause.getMessage() != null && cause.getMessage().startsWith(LETTUCE_REJECTED))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * HikariCP's answer to a call on a connection it already closed (a broken one it
	 * evicted): it carries no SQLState. It is what a rollback meets after the database
	 * went away mid-transaction.
	 * @param ex the exception to look at
	 * @return whether it is that answer
	 */
	private static boolean isClosedPooled(SQLException ex) {
		return ex.getSQLState() == null && HIKARI_CLOSED.equals(ex.getMessage());
	}

	private static boolean isConnectionState(@Nullable String sqlState) {
		if (sqlState != null) {
			for (String prefix : CONNECTION_SQL_STATES) {
				if (sqlState.startsWith(prefix)) {
					return true;
				}
			}
		}
		return false;
	}

}
