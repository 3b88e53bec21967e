package dev.secureapi.crypto;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps wrapped data keys in the {@code secure_api_data_key} table, whose schema ships at
 * {@code classpath:db/secure-api-crypto/V0_1__secure_api_crypto_data_key.sql} for Flyway.
 */
public class JdbcDataKeyStore implements DataKeyStore {

	private static final String COLUMNS = "id, provider, master_key_ref, wrapped_key, status, created_at";

	private final JdbcClient jdbc;

	/**
	 * Creates a store.
	 * @param dataSource the database holding the key table
	 */
	public JdbcDataKeyStore(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public void insert(StoredDataKey key) {
		this.jdbc.sql("INSERT INTO secure_api_data_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
			.params(key.id().toString(), key.provider(), key.wrapped().masterKeyReference(), key.wrapped().wrapped(),
					key.status().name(), Timestamp.from(key.createdAt()))
			.update();
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
