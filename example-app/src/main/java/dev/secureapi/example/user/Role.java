package dev.secureapi.example.user;

/**
 * A role a user can hold. Tokens carry the names without the {@code ROLE_} prefix.
 */
public enum Role {

	/** A registered user: may read and change their own profile. */
	USER,

	/** An administrator: may list, read, change the roles of and delete any user. */
	ADMIN

}
