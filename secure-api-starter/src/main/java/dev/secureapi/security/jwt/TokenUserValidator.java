package dev.secureapi.security.jwt;

/**
 * Application hook: tells whether the user a token was issued to may still use it. A user who was disabled or
 * deleted after the token was issued is rejected with 401 within {@code secure-api.jwt.user-check-ttl} of the
 * change; answers are cached per subject for that long, so the check does not read the user store on every
 * request.
 */
@FunctionalInterface
public interface TokenUserValidator {

	/**
	 * Whether the user exists and is enabled.
	 * @param subject the token's {@code sub} (the user id)
	 * @return {@code true} if the user's tokens are still accepted
	 */
	boolean isActive(String subject);

}
