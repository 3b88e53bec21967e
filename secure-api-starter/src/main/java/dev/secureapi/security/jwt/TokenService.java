package dev.secureapi.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import org.jspecify.annotations.Nullable;

import dev.secureapi.security.jwt.InvalidTokenException.Reason;
import dev.secureapi.security.jwt.RefreshTokenStore.Consumption;
import dev.secureapi.security.jwt.RefreshTokenStore.Family;
import dev.secureapi.security.jwt.RefreshTokenStore.Token;

/**
 * Issues, verifies, refreshes and revokes the service's own tokens.
 *
 * <p>
 * Access tokens are JWS with the claims {@code sub}, {@code roles}, {@code iss},
 * {@code aud}, {@code iat}, {@code nbf}, {@code exp}, {@code jti} and the headers
 * {@code kid} and {@code typ: at+jwt}. Refresh tokens are opaque random values kept only
 * as hashes, in families: each use spends the token and returns its successor; presenting
 * a spent token revokes the whole family (RFC 9700 reuse detection).
 *
 * @since 0.1.0
 */
public class TokenService {

	private final JwtKeyRing keys;

	private final AccessTokenVerifier verifier;

	private final RefreshTokenStore refreshTokens;

	private final RevokedTokenStore revokedTokens;

	private final JwtProperties properties;

	private final Clock clock;

	/**
	 * Creates a token service.
	 * @param keys the signing and verification keys
	 * @param verifier verifies access tokens
	 * @param refreshTokens the refresh-token store
	 * @param revokedTokens the revoked access-token ids
	 * @param properties the JWT properties
	 * @param clock the clock
	 */
	TokenService(JwtKeyRing keys, AccessTokenVerifier verifier, RefreshTokenStore refreshTokens,
			RevokedTokenStore revokedTokens, JwtProperties properties, Clock clock) {
		this.keys = keys;
		this.verifier = verifier;
		this.refreshTokens = refreshTokens;
		this.revokedTokens = revokedTokens;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Issues an access token, signed with the active key.
	 * @param subject the user id ({@code sub})
	 * @param roles role names without {@code ROLE_}
	 * @return the token
	 */
	public AccessToken issueAccessToken(String subject, Collection<String> roles) {
		return issueAccessToken(subject, roles, null);
	}

	/**
	 * Issues an access token, signed with the active key, for a user whose authority last
	 * changed at {@code authorityChangedAt}. Tokens whose {@code iat} falls in the second
	 * of that change are refused (an {@code iat} has whole seconds, so it cannot tell
	 * before from after), so a token issued in that second carries the next second as
	 * {@code iat}; its {@code nbf} stays the real issue time.
	 * @param subject the user id ({@code sub})
	 * @param roles role names without {@code ROLE_}, read together with
	 * {@code authorityChangedAt}
	 * @param authorityChangedAt when the user's roles or password last changed, or
	 * {@code null}
	 * @return the token
	 */
	public AccessToken issueAccessToken(String subject, Collection<String> roles,
			@Nullable Instant authorityChangedAt) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant issuedAt = now;
		if (authorityChangedAt != null) {
			Instant afterChange = authorityChangedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
			if (afterChange.isAfter(issuedAt)) {
				issuedAt = afterChange;
			}
		}
		Duration ttl = this.properties.getAccessTokenTtl();
		Instant expiresAt = now.plus(ttl);
		String tokenId = UUID.randomUUID().toString();
		JwtKey key = this.keys.active();
		JwtBuilder builder = Jwts.builder()
			.json(JwtJson.serializer())
			.header()
			.keyId(key.id())
			.type("at+jwt")
			.and()
			.subject(subject)
			.claim("roles", List.copyOf(roles))
			.issuedAt(Date.from(issuedAt))
			.notBefore(Date.from(now))
			.expiration(Date.from(expiresAt))
			.id(tokenId);
		if (this.properties.getIssuer() != null) {
			builder.issuer(this.properties.getIssuer());
		}
		if (this.properties.getAudience() != null) {
			builder.audience().add(this.properties.getAudience()).and();
		}
		sign(builder, key);
		return new AccessToken(builder.compact(), tokenId, expiresAt, ttl.toSeconds());
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void sign(JwtBuilder builder, JwtKey key) {
		builder.signWith(key.signingKey(), (io.jsonwebtoken.security.SecureDigestAlgorithm) key.algorithm().jjwt());
	}

	/**
	 * Issues an access token and starts a new refresh-token family: the answer to a
	 * successful login.
	 * @param subject the user id
	 * @param roles role names without {@code ROLE_}
	 * @return the tokens
	 */
	public TokenPair issue(String subject, Collection<String> roles) {
		return issue(subject, roles, null);
	}

	/**
	 * Issues an access token and starts a new refresh-token family for a user whose
	 * authority last changed at {@code authorityChangedAt} (see
	 * {@link #issueAccessToken(String, Collection, Instant)}).
	 * @param subject the user id
	 * @param roles role names without {@code ROLE_}
	 * @param authorityChangedAt when the user's roles or password last changed, or
	 * {@code null}
	 * @return the tokens
	 */
	public TokenPair issue(String subject, Collection<String> roles, @Nullable Instant authorityChangedAt) {
		Instant now = this.clock.instant();
		Family family = new Family(UUID.randomUUID().toString(), subject,
				now.plus(this.properties.getRefreshTokenTtl()));
		String refreshToken = RefreshTokens.generate();
		this.refreshTokens.create(family,
				new Token(RefreshTokens.hash(refreshToken), family.id(), idleExpiry(family, now)));
		return new TokenPair(issueAccessToken(subject, roles, authorityChangedAt), refreshToken);
	}

	/**
	 * Spends a refresh token and returns its successor in the same family. A token that
	 * was already spent revokes its whole family.
	 * @param refreshToken the presented refresh token
	 * @return the subject and the successor token
	 * @throws InvalidTokenException when the token is unknown, spent, revoked or expired
	 */
	public RefreshResult refresh(String refreshToken) {
		Consumption consumption = this.refreshTokens.consume(RefreshTokens.hash(refreshToken));
		Instant now = this.clock.instant();
		Family family = consumption.family();
		switch (consumption.outcome()) {
			case UNKNOWN -> throw new InvalidTokenException(Reason.MALFORMED, "unknown refresh token");
			case REVOKED -> throw new InvalidTokenException(Reason.REVOKED, "refresh token family revoked");
			case REUSED -> {
				if (family != null) {
					this.refreshTokens.revokeFamily(family.id());
				}
				throw new InvalidTokenException(Reason.REVOKED, "refresh token reused: family revoked");
			}
			case CONSUMED -> {
			}
		}
		if (family == null || now.isAfter(family.expiresAt())) {
			throw new InvalidTokenException(Reason.EXPIRED, "refresh token family expired");
		}
		Instant idleExpiresAt = consumption.idleExpiresAt();
		if (idleExpiresAt != null && now.isAfter(idleExpiresAt)) {
			throw new InvalidTokenException(Reason.EXPIRED, "refresh token expired unused");
		}
		String successor = RefreshTokens.generate();
		this.refreshTokens.add(new Token(RefreshTokens.hash(successor), family.id(), idleExpiry(family, now)));
		return new RefreshResult(family.subject(), successor);
	}

	/**
	 * Spends a refresh token and issues a new pair with the given roles.
	 * @param refreshToken the presented refresh token
	 * @param roles looks up the user's current roles by subject
	 * @return the new tokens
	 * @throws InvalidTokenException when the refresh token cannot be used
	 */
	public TokenPair refresh(String refreshToken, java.util.function.Function<String, Collection<String>> roles) {
		RefreshResult result = refresh(refreshToken);
		return new TokenPair(issueAccessToken(result.subject(), roles.apply(result.subject())), result.refreshToken());
	}

	/**
	 * Verifies an access token.
	 * @param accessToken the compact JWS
	 * @return the verified token
	 * @throws InvalidTokenException when it is rejected
	 */
	public VerifiedToken verify(String accessToken) {
		return this.verifier.verify(accessToken);
	}

	/**
	 * Revokes a token (RFC 7009): a refresh token revokes its whole family; an access
	 * token's {@code jti} is denied until its expiry plus the clock skew (the verifier
	 * accepts it that long). Unknown, invalid or expired tokens are ignored.
	 * @param token an access or refresh token
	 */
	public void revoke(String token) {
		if (token.indexOf('.') >= 0) {
			try {
				VerifiedToken verified = this.verifier.verify(token);
				if (verified.tokenId() != null) {
					this.revokedTokens.revoke(verified.tokenId(),
							verified.expiresAt().plus(this.properties.getClockSkew()));
				}
			}
			catch (InvalidTokenException ex) {
				// RFC 7009 §2.2: an invalid token needs no revocation
			}
			return;
		}
		this.refreshTokens.findFamilyId(RefreshTokens.hash(token)).ifPresent(this.refreshTokens::revokeFamily);
	}

	/**
	 * Revokes every refresh-token family of a user, for example after a password change
	 * or deletion, and makes this instance ask the {@link TokenUserValidator} about the
	 * user again at the next request (so a deleted or disabled user's access tokens stop
	 * at once here, and within {@code user-check-ttl} elsewhere).
	 * @param subject the user id
	 */
	public void revokeAll(String subject) {
		this.refreshTokens.revokeSubject(subject);
		this.verifier.forgetUser(subject);
	}

	/**
	 * Makes this instance ask the {@link TokenUserValidator} about the user again at the
	 * next request: call it after a change of the user's roles, password or enabled state
	 * has been committed, so access tokens issued before the change stop at once here
	 * (and within {@code user-check-ttl} elsewhere).
	 * @param subject the user id
	 */
	public void authorityChanged(String subject) {
		this.verifier.forgetUser(subject);
	}

	private Instant idleExpiry(Family family, Instant now) {
		Instant idle = now.plus(this.properties.getRefreshTokenIdleTtl());
		return idle.isBefore(family.expiresAt()) ? idle : family.expiresAt();
	}

}
