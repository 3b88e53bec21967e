package dev.secureapi.example;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.secureapi.crypto.FieldEncryptor;
import dev.secureapi.example.user.EmailIndex;

/**
 * Bulk test data written straight through JDBC (the API would hash 200,000 passwords).
 */
public final class TestUsers {

	private TestUsers() {
	}

	/**
	 * Inserts users named {@code <prefix>000001...} with the USER role.
	 * @param jdbc the database
	 * @param encryptor encrypts the e-mail addresses as the entity would
	 * @param emailIndex indexes the e-mail addresses as the entity would
	 * @param prefix the user name prefix
	 * @param count how many
	 */
	public static void insert(JdbcTemplate jdbc, FieldEncryptor encryptor, EmailIndex emailIndex, String prefix,
			int count) {
		Timestamp now = Timestamp.from(Instant.now());
		int batch = 5_000;
		for (int start = 0; start < count; start += batch) {
			List<Object[]> rows = new ArrayList<>(batch);
			for (int i = start; i < Math.min(count, start + batch); i++) {
				String name = prefix + String.format("%06d", i);
				String email = name + "@example.test";
				rows.add(new Object[] { name, encryptor.encrypt(email, EmailIndex.CONTEXT), emailIndex.of(email),
						"{noop}not-a-real-hash", "User " + i, "<p>bio of user " + i + "</p>", now });
			}
			jdbc.batchUpdate("INSERT INTO users (username, email, email_index, password_hash, display_name, bio, "
					+ "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
		}
		jdbc.update("INSERT INTO user_roles (user_id, role) SELECT id, 'USER' FROM users u WHERE username LIKE ? "
				+ "AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id)", prefix + "%");
	}

}
