package dev.secureapi.crypto.rotation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.secureapi.crypto.DataKeyManager;
import dev.secureapi.crypto.DataKeyStore;
import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.crypto.StoredDataKey;

/**
 * Rotation of field-encryption keys. The runbook: {@link #rotateDataKey()} makes a new
 * active data key; {@link #reencrypt(int)} moves every stored value onto it, in batches,
 * resumably (it only ever selects values not yet on the active key) and with optimistic
 * locking (a row changed meanwhile is left alone, and already holds a value under the
 * active key); {@link #retire(UUID)} then retires each old key, refusing while any value
 * still uses it or while it may still be some instance's active key (younger than the
 * cache's maximum age). {@link #rewrapMasterKey()} handles master-key rotation, which
 * rewraps the key table only.
 *
 * @since 0.1.0
 */
public class CryptoRotationService {

	private static final Log logger = LogFactory.getLog(CryptoRotationService.class);

	private final JdbcClient jdbc;

	private final DataKeyManager keys;

	private final DataKeyStore store;

	private final FieldEncryptor encryptor;

	private final List<EncryptedColumn> columns;

	/**
	 * Creates a service.
	 * @param dataSource the database holding the encrypted columns
	 * @param keys the data keys
	 * @param store the key table
	 * @param encryptor the encryptor
	 * @param columns the encrypted columns to visit
	 */
	public CryptoRotationService(DataSource dataSource, DataKeyManager keys, DataKeyStore store,
			FieldEncryptor encryptor, List<EncryptedColumn> columns) {
		this.jdbc = JdbcClient.create(dataSource);
		this.keys = keys;
		this.store = store;
		this.encryptor = encryptor;
		this.columns = List.copyOf(columns);
	}

	/**
	 * The encrypted columns this service visits.
	 * @return the columns
	 */
	public List<EncryptedColumn> getColumns() {
		return this.columns;
	}

	/**
	 * Makes a new data key the active one; values written from now on use it.
	 * @return the new key's id
	 */
	public UUID rotateDataKey() {
		UUID id = this.keys.rotate();
		logger.info("New active data key " + id);
		return id;
	}

	/**
	 * Wraps every enabled data key again under the provider's current master key.
	 * @return how many keys were rewrapped
	 */
	public int rewrapMasterKey() {
		int count = this.keys.rewrapAll();
		logger.info("Rewrapped " + count + " data keys under the current master key");
		return count;
	}

	/**
	 * Re-encrypts every stored value not on the active data key.
	 * @param batchSize how many rows to read per query
	 * @return re-encrypted rows per column
	 */
	public Map<String, Long> reencrypt(int batchSize) {
		String activePrefix = FieldEncryptor.textPrefixOf(this.keys.activeKeyId().orElseGet(this.keys::rotate));
		Map<String, Long> done = new LinkedHashMap<>();
		for (EncryptedColumn column : this.columns) {
			done.put(column.toString(), new ColumnReencryption(column, activePrefix, batchSize).run());
		}
		return done;
	}

	/**
	 * How many stored values are not on the active data key; zero before this process has
	 * one.
	 * @return the backlog over all columns
	 */
	public long backlog() {
		Optional<UUID> active = this.keys.activeKeyId();
		if (active.isEmpty()) {
			return 0;
		}
		String pattern = FieldEncryptor.textPrefixOf(active.get()) + "%";
		long total = 0;
		for (EncryptedColumn column : this.columns) {
			total += count(column, "NOT LIKE", pattern);
		}
		return total;
	}

	/**
	 * Retires a data key: it will decrypt nothing any more.
	 * @param keyId the key
	 * @throws KeyInUseException when it is the active key or stored values still use it
	 */
	public void retire(UUID keyId) {
		StoredDataKey stored = this.store.find(keyId)
			.orElseThrow(() -> new IllegalArgumentException("No data key " + keyId + " in the key table"));
		if (this.keys.mayStillEncrypt(stored)) {
			throw new KeyInUseException(keyId, 0, "Data key " + keyId + " may still be encrypting new values in "
					+ "this or another instance; rotate, wait data-key-cache.max-age, re-encrypt, then retire");
		}
		String pattern = FieldEncryptor.textPrefixOf(keyId) + "%";
		long rows = 0;
		for (EncryptedColumn column : this.columns) {
			rows += count(column, "LIKE", pattern);
		}
		if (rows > 0) {
			throw new KeyInUseException(keyId, rows,
					"Data key " + keyId + " still encrypts " + rows + " stored values; re-encrypt first");
		}
		this.store.updateStatus(keyId, StoredDataKey.Status.RETIRED);
		this.keys.forget(keyId);
		logger.info("Retired data key " + keyId);
	}

	private long count(EncryptedColumn column, String operator, String pattern) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM " + column.table() + " WHERE " + column.column() + " " + operator + " ?")
			.param(pattern)
			.query(Long.class)
			.single();
	}

	private final class ColumnReencryption {

		private final EncryptedColumn column;

		private final String activePrefix;

		private final int batchSize;

		ColumnReencryption(EncryptedColumn column, String activePrefix, int batchSize) {
			this.column = column;
			this.activePrefix = activePrefix;
			this.batchSize = batchSize;
		}

		long run() {
			long updated = 0;
			@Nullable Object after = null;
			while (true) {
				List<Map<String, Object>> rows = nextBatch(after);
				for (Map<String, Object> row : rows) {
					updated += reencryptRow(row);
					after = row.get("row_id");
				}
				if (rows.size() < this.batchSize) {
					return updated;
				}
			}
		}

		private List<Map<String, Object>> nextBatch(@Nullable Object after) {
			EncryptedColumn c = this.column;
			String version = (c.versionColumn() != null) ? ", " + c.versionColumn() + " AS row_version" : "";
			String select = "SELECT " + c.idColumn() + " AS row_id, " + c.column() + " AS stored_value" + version
					+ " FROM " + c.table() + " WHERE " + c.column() + " NOT LIKE ?";
			JdbcClient.StatementSpec statement = (after != null)
					? CryptoRotationService.this.jdbc
						.sql(select + " AND " + c.idColumn() + " > ? ORDER BY " + c.idColumn() + " FETCH FIRST "
								+ this.batchSize + " ROWS ONLY")
						.params(this.activePrefix + "%", after)
					: CryptoRotationService.this.jdbc
						.sql(select + " ORDER BY " + c.idColumn() + " FETCH FIRST " + this.batchSize + " ROWS ONLY")
						.param(this.activePrefix + "%");
			return statement.query().listOfRows().stream().map(ColumnReencryption::lowerCaseKeys).toList();
		}

		private long reencryptRow(Map<String, Object> row) {
			EncryptedColumn c = this.column;
			String stored = (String) row.get("stored_value");
			String plaintext = CryptoRotationService.this.encryptor.decrypt(stored, c.context());
			String reencrypted = CryptoRotationService.this.encryptor.encrypt(plaintext, c.context());
			String sql = "UPDATE " + c.table() + " SET " + c.column() + " = ?"
					+ ((c.versionColumn() != null) ? ", " + c.versionColumn() + " = " + c.versionColumn() + " + 1" : "")
					+ " WHERE " + c.idColumn() + " = ? AND " + c.column() + " = ?"
					+ ((c.versionColumn() != null) ? " AND " + c.versionColumn() + " = ?" : "");
			JdbcClient.StatementSpec update = CryptoRotationService.this.jdbc.sql(sql)
				.param(reencrypted)
				.param(row.get("row_id"))
				.param(stored);
			if (c.versionColumn() != null) {
				update = update.param(row.get("row_version"));
			}
			return update.update();
		}

		private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
			Map<String, Object> result = new LinkedHashMap<>();
			row.forEach((key, value) -> result.put(key.toLowerCase(Locale.ROOT), value));
			return result;
		}

	}

}
