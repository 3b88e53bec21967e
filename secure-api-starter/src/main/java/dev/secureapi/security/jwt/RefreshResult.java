package dev.secureapi.security.jwt;

/**
 * A refresh token that was spent and its successor.
 *
 * @param subject the user the family belongs to
 * @param refreshToken the successor refresh token, to hand to the client
 * @since 0.1.0
 */
public record RefreshResult(String subject, String refreshToken) {

	@Override
	public String toString() {
		return "RefreshResult[subject=" + this.subject + "]";
	}

}
