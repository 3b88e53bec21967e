package dev.secureapi.example.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a login name that belongs to no user into a short keyed hash for the audit log.
 * Such a name is often a password typed into the wrong field, so it must never be written
 * as it is; the HMAC key is random per process and never leaves it, so the hash cannot be
 * reversed by trying candidate passwords, yet repeated attempts with the same name show
 * the same value while the process runs.
 */
public final class UnknownUserNames {

	private static final String ALGORITHM = "HmacSHA256";

	/**
	 * Bytes of the HMAC kept in the log: enough to tell attempts apart, too few to matter
	 * as a digest.
	 */
	private static final int KEPT_BYTES = 6;

	private final SecretKeySpec key;

	/**
	 * Creates a hasher with a new random key.
	 */
	public UnknownUserNames() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		this.key = new SecretKeySpec(bytes, ALGORITHM);
	}

	/**
	 * The name to log for a login name that belongs to no user.
	 * @param username the login name as typed
	 * @return {@code unknown-user:} followed by 12 hex digits of its keyed hash
	 */
	public String pseudonym(String username) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] digest = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
			return "unknown-user:" + HexFormat.of().formatHex(digest, 0, KEPT_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
