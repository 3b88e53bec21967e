package dev.secureapi.example.auth;

import dev.secureapi.security.jwt.TokenPair;

/**
 * A successful token response (RFC 6749 §5.1).
 *
 * @param accessToken the access token
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 * @param refreshToken the refresh token; spent by its next use
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {

	static TokenResponse of(TokenPair pair) {
		return new TokenResponse(pair.accessToken().value(), TokenPair.TOKEN_TYPE, pair.accessToken().expiresIn(),
				pair.refreshToken());
	}

	@Override
	public String toString() {
		return "TokenResponse[tokenType=" + this.tokenType + ", expiresIn=" + this.expiresIn + "]";
	}

}
