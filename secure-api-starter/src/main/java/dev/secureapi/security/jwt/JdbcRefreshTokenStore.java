package dev.secureapi.security.jwt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refresh tokens in a relational database. The schema ships in the starter as
 * {@code classpath:db/secure-api/V0_1__secure_api_refresh_tokens.sql}
 * (Flyway-compatible). Spending a token is one conditional
 * {@code UPDATE ... WHERE used = FALSE}, so of two concurrent requests with the same
 * token the database lets exactly one change the row; the other sees the token as reused.
 *
 * @since 0.1.0
 */
public final class JdbcRefreshTokenStore implements RefreshTokenStore {

	private static final String SELECT = "SELECT f.family_id, f.subject, f.expires_at, f.revoked, t.idle_expires_at "
			+ "FROM secure_api_refresh_token t JOIN secure_api_refresh_family f ON f.family_id = t.family_id "
			+ "WHERE t.token_hash = ?";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	/**
	 * Creates a store.
	 * @param jdbc the template of the application's DataSource
	 * @param clock the clock deciding which families may be purged
	 */
	public JdbcRefreshTokenStore(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void create(Family family, Token token) {
		this.jdbc.update("INSERT INTO secure_api_refresh_family (family_id, subject, expires_at, revoked) "
				+ "VALUES (?, ?, ?, FALSE)", family.id(), family.subject(), time(family.expiresAt()));
		add(token);
	}

	@Override
	public void add(Token token) {
		this.jdbc.update("INSERT INTO secure_api_refresh_token (token_hash, family_id, idle_expires_at, used) "
				+ "VALUES (?, ?, ?, FALSE)", token.hash(), token.familyId(), time(token.idleExpiresAt()));
	}

	@Override
	public Consumption consume(String tokenHash) {
		// the family is read before the token is spent: a reuse detected by a concurrent
		// request after this
		// request won the UPDATE must not turn this request's success into a failure
		List<Consumption> found = this.jdbc.query(SELECT, JdbcRefreshTokenStore::consumption, tokenHash);
		if (found.isEmpty()) {
			return Consumption.unknown();
		}
		Consumption before = found.get(0);
		int spent = this.jdbc
			.update("UPDATE secure_api_refresh_token SET used = TRUE WHERE token_hash = ? AND used = FALSE", tokenHash);
		if (spent == 0) {
			return new Consumption(Outcome.REUSED, before.family(), before.idleExpiresAt());
		}
		return before;
	}

	private static Consumption consumption(ResultSet rs, int row) throws SQLException {
		Family family = new Family(rs.getString(1), rs.getString(2), instant(rs, 3));
		Outcome outcome = rs.getBoolean(4) ? Outcome.REVOKED : Outcome.CONSUMED;
		return new Consumption(outcome, family, instant(rs, 5));
	}

	@Override
	public Optional<String> findFamilyId(String tokenHash) {
		return this.jdbc
			.queryForList("SELECT family_id FROM secure_api_refresh_token WHERE token_hash = ?", String.class,
					tokenHash)
			.stream()
			.findFirst();
	}

	@Override
	public void revokeFamily(String familyId) {
		this.jdbc.update("UPDATE secure_api_refresh_family SET revoked = TRUE WHERE family_id = ?", familyId);
	}

	@Override
	public void revokeSubject(String subject) {
		this.jdbc.update("UPDATE secure_api_refresh_family SET revoked = TRUE WHERE subject = ?", subject);
	}

	/**
	 * Deletes families past their absolute expiry, with their tokens. Call it from a
	 * scheduled job.
	 * @return the number of families deleted
	 */
	public int purgeExpired() {
		return this.jdbc.update("DELETE FROM secure_api_refresh_family WHERE expires_at < ?",
				time(this.clock.instant()));
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
