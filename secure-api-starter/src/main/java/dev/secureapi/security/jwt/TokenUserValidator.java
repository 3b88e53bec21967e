package dev.secureapi.security.jwt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Application hook: tells whether the user a token was issued to may still use it. A user
 * who was disabled or deleted after the token was issued, or whose authority (roles,
 * password) changed after it was issued, is rejected with 401 within
 * {@code secure-api.jwt.user-check-ttl} of the change; answers are cached per subject for
 * that long, so the check does not read the user store on every request.
 *
 * <p>
 * A validator that only knows "active or not" implements {@link #isActive}; one that also
 * knows when the user's authority last changed overrides {@link #standing} as well.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TokenUserValidator {

	/**
	 * Whether the user exists and is enabled.
	 * @param subject the token's {@code sub} (the user id)
	 * @return {@code true} if the user's tokens are still accepted
	 */
	boolean isActive(String subject);

	/**
	 * The user's standing: whether the user exists and is enabled, and when the user's
	 * authority last changed. Tokens issued before that change are refused. The default
	 * knows no change time and asks {@link #isActive}.
	 * @param subject the token's {@code sub} (the user id)
	 * @return the standing, read in one look-up
	 */
	default UserStanding standing(String subject) {
		return isActive(subject) ? UserStanding.ACTIVE : UserStanding.INACTIVE;
	}

	/**
	 * What the token check needs to know about a user.
	 *
	 * @param active whether the user exists and is enabled
	 * @param authorityChangedAt when the user's roles or password last changed, or
	 * {@code null} if never
	 */
	record UserStanding(boolean active, @Nullable Instant authorityChangedAt) {

		/** An active user whose authority never changed. */
		public static final UserStanding ACTIVE = new UserStanding(true, null);

		/** A user who is disabled or does not exist. */
		public static final UserStanding INACTIVE = new UserStanding(false, null);

		/**
		 * The instant to store for a change of authority made at {@code now}. Normally
		 * {@code now}; but when {@code now} falls in the second of the previous change
		 * (or before it), the second after the previous change: a token issued after the
		 * previous change carries that second as {@code iat}, and must be refused by the
		 * new change as well.
		 * @param previous the stored instant of the previous change, or {@code null} if
		 * there was none
		 * @param now the time of the change
		 * @return the instant to store as the user's {@code authorityChangedAt}
		 */
		public static Instant changeAt(@Nullable Instant previous, Instant now) {
			if (previous == null) {
				return now;
			}
			Instant previousSecond = previous.truncatedTo(ChronoUnit.SECONDS);
			return now.truncatedTo(ChronoUnit.SECONDS).isAfter(previousSecond) ? now : previousSecond.plusSeconds(1);
		}

		/**
		 * Whether a token issued at {@code issuedAt} still speaks for this user.
		 * {@code iat} has whole seconds, so a token issued in the same second as the
		 * change may predate it and is refused; the kit's token service issues a token
		 * after such a change with the next second as its {@code iat}. A token without
		 * {@code iat} cannot show it is newer than a change and is refused once there was
		 * one.
		 * @param issuedAt the token's {@code iat}, or {@code null} if it has none
		 * @return {@code true} if the user is active and the token was issued after the
		 * last change
		 */
		public boolean accepts(@Nullable Instant issuedAt) {
			if (!this.active) {
				return false;
			}
			if (this.authorityChangedAt == null) {
				return true;
			}
			return issuedAt != null && issuedAt.truncatedTo(ChronoUnit.SECONDS)
				.isAfter(this.authorityChangedAt.truncatedTo(ChronoUnit.SECONDS));
		}

	}

}
