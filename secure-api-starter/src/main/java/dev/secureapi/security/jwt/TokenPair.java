package dev.secureapi.security.jwt;

/**
 * An access token and the refresh token that renews it: the body of a token response
 * ({@code access_token}, {@code token_type: Bearer}, {@code expires_in},
 * {@code refresh_token}).
 *
 * @param accessToken the access token
 * @param refreshToken the opaque refresh token
 * @since 0.1.0
 */
public record TokenPair(AccessToken accessToken, String refreshToken) {

	/** The token type of every access token issued here. */
	public static final String TOKEN_TYPE = "Bearer";

	@Override
	public String toString() {
		return "TokenPair[" + this.accessToken + "]";
	}

}
