package dev.secureapi.security.jwt;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Storage of refresh tokens, which only ever sees their SHA-256 hashes. Tokens belong to
 * a family started by one login; every refresh spends the presented token and adds its
 * successor to the family. {@link #consume} must be atomic: when two requests present the
 * same token at once, exactly one of them gets {@link Outcome#CONSUMED}.
 *
 * @since 0.1.0
 */
public interface RefreshTokenStore {

	/**
	 * Starts a family with its first token.
	 * @param family the family
	 * @param token the first token
	 */
	void create(Family family, Token token);

	/**
	 * Adds a token to an existing family.
	 * @param token the token
	 */
	void add(Token token);

	/**
	 * Spends a token: atomically marks it used if it was not.
	 * @param tokenHash the token's hash
	 * @return what happened; {@link Outcome#REUSED} when it had already been spent
	 */
	Consumption consume(String tokenHash);

	/**
	 * Finds the family a token belongs to, spent or not.
	 * @param tokenHash the token's hash
	 * @return the family id
	 */
	Optional<String> findFamilyId(String tokenHash);

	/**
	 * Revokes a family: none of its tokens can be used any more.
	 * @param familyId the family id
	 */
	void revokeFamily(String familyId);

	/**
	 * Revokes every family of a user, for example when the user changes the password or
	 * is deleted.
	 * @param subject the user id
	 */
	void revokeSubject(String subject);

	/**
	 * A token family: the chain of refresh tokens descending from one login.
	 *
	 * @param id random family id
	 * @param subject the user id
	 * @param expiresAt the absolute end of the family
	 */
	record Family(String id, String subject, Instant expiresAt) {
	}

	/**
	 * One refresh token, by hash.
	 *
	 * @param hash the SHA-256 of the token (base64url)
	 * @param familyId the family it belongs to
	 * @param idleExpiresAt when it expires if not used
	 */
	record Token(String hash, String familyId, Instant idleExpiresAt) {
	}

	/**
	 * The result of {@link #consume}.
	 *
	 * @param outcome what happened
	 * @param family the token's family, when known
	 * @param idleExpiresAt the token's idle expiry, when known
	 */
	record Consumption(Outcome outcome, @Nullable Family family, @Nullable Instant idleExpiresAt) {

		/**
		 * A consumption of a token the store does not know.
		 * @return the consumption
		 */
		public static Consumption unknown() {
			return new Consumption(Outcome.UNKNOWN, null, null);
		}

	}

	/**
	 * What {@link #consume} did.
	 */
	enum Outcome {

		/** The token was unused and is now spent: the caller may issue its successor. */
		CONSUMED,

		/**
		 * The token had been spent before: a sign of theft, the caller revokes the
		 * family.
		 */
		REUSED,

		/** The token's family was revoked. */
		REVOKED,

		/** No such token (never issued, or forgotten after expiry). */
		UNKNOWN

	}

}
