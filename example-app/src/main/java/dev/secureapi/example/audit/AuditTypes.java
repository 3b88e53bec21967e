package dev.secureapi.example.audit;

/**
 * The audit event types the application records. Their data never holds a password, hash,
 * token or e-mail address: only ids, user names, roles and reasons.
 */
public final class AuditTypes {

	/** A password grant succeeded. */
	public static final String LOGIN_SUCCESS = "AUTHENTICATION_SUCCESS";

	/** A password grant failed. */
	public static final String LOGIN_FAILURE = "AUTHENTICATION_FAILURE";

	/** A spent refresh token was presented again and its family was revoked. */
	public static final String REFRESH_TOKEN_REUSE = "REFRESH_TOKEN_REUSE";

	/** An administrator changed a user's roles. */
	public static final String ROLES_CHANGED = "ROLES_CHANGED";

	/** An administrator deleted a user. */
	public static final String USER_DELETED = "USER_DELETED";

	/** The administrator from APP_ADMIN_USERNAME was created at start-up. */
	public static final String ADMIN_CREATED = "ADMIN_CREATED";

	private AuditTypes() {
	}

}
