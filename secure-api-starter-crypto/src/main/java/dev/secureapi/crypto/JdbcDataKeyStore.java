package dev.secureapi.crypto;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

/**
 * Keeps wrapped data keys in the {@code secure_api_data_key} table, whose schema ships at
 * {@code classpath:db/secure-api-crypto/V0_2__secure_api_crypto_data_key.sql} for Flyway.
 * <p>
 * A new key is inserted on a connection of its own, taken from the pool and committed at
 * once, never through the caller's transaction: keys are made while Hibernate flushes an
 * entity, and if that transaction rolled back, a key inserted with it would vanish while
 * later values are still encrypted under it. The caller already holds one connection at
 * that moment, so the pool needs one to spare; when none frees up within the pool's
 * connection timeout, the write fails ({@link DataKeyStoreException}) and nothing is
 * encrypted under the key.
 *
 * @since 0.1.0
 */
public class JdbcDataKeyStore implements DataKeyStore {

	private static final String COLUMNS = "id, provider, master_key_ref, wrapped_key, status, created_at";

	private final JdbcClient jdbc;

	private final DataSource independent;

	/**
	 * Creates a store.
	 * @param dataSource the database holding the key table
	 */
	public JdbcDataKeyStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
		this.independent = (dataSource instanceof TransactionAwareDataSourceProxy proxy
				&& proxy.getTargetDataSource() != null) ? proxy.getTargetDataSource() : dataSource;
	}

	@Override
	public void insert(StoredDataKey key) {
		String sql = "INSERT INTO secure_api_data_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
		// a connection straight from the pool, not the one bound to the caller's
		// transaction, in auto-commit
		try (Connection connection = this.independent.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			try {
				JdbcClient.create(new SingleConnectionDataSource(connection, true))
					.sql(sql)
					.params(key.id().toString(), key.provider(), key.wrapped().masterKeyReference(),
							key.wrapped().wrapped(), key.status().name(), Timestamp.from(key.createdAt()))
					.update();
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			DataAccessException translated = new SQLExceptionSubclassTranslator().translate("insert data key", sql, ex);
			throw (translated != null) ? translated
					: new DataAccessResourceFailureException("Could not insert data key", ex);
		}
	}

	@Override
	public Optional<StoredDataKey> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM secure_api_data_key WHERE id = ?")
			.param(id.toString())
			.query(JdbcDataKeyStore::map)
			.optional();
	}

	@Override
	public List<StoredDataKey> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM secure_api_data_key ORDER BY created_at, id")
			.query(JdbcDataKeyStore::map)
			.list();
	}

	@Override
	public void updateStatus(UUID id, StoredDataKey.Status status) {
		this.jdbc.sql("UPDATE secure_api_data_key SET status = ? WHERE id = ?")
			.params(status.name(), id.toString())
			.update();
	}

	@Override
	public void updateWrapped(UUID id, WrappedDataKey wrapped) {
		this.jdbc.sql("UPDATE secure_api_data_key SET master_key_ref = ?, wrapped_key = ? WHERE id = ?")
			.params(wrapped.masterKeyReference(), wrapped.wrapped(), id.toString())
			.update();
	}

	private static StoredDataKey map(ResultSet rs, int row) throws SQLException {
		WrappedDataKey wrapped = new WrappedDataKey(rs.getBytes("wrapped_key"), rs.getString("master_key_ref"));
		return new StoredDataKey(UUID.fromString(rs.getString("id")), rs.getString("provider"), wrapped,
				StoredDataKey.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant());
	}

}
