package dev.secureapi.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.InvalidClaimException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.security.SecurityException;
import org.jspecify.annotations.Nullable;

import dev.secureapi.security.jwt.InvalidTokenException.Reason;

/**
 * Verifies access tokens. Every rule of the kit's contract is applied here: size cap
 * before parsing, the key found by {@code kid} only, the algorithm pinned to that key,
 * {@code typ} checked, signature, {@code exp} required, {@code nbf}/{@code iat} with
 * clock skew, {@code iss}/{@code aud} when configured, {@code sub} required, revoked
 * {@code jti}, and the user still active with no change of authority since {@code iat}.
 * <p>
 * A token that passed is remembered by its SHA-256 (at most
 * {@code secure-api.jwt.verified-token-cache-size} of them), so the same token sent again
 * is not parsed and its signature not checked again. What can change while a token is
 * remembered is checked on every request: {@code exp} and {@code nbf} against the clock,
 * the key (still the same key under the token's {@code kid} in the key ring or JWK set),
 * {@code iat}, revocation and the user check; a remembered token that fails the first two
 * is verified again from scratch.
 *
 * @since 0.1.0
 */
public final class AccessTokenVerifier {

	private final JwtParser parser;

	private final VerificationKeyResolver keys;

	private final PinnedKeyLocator locator;

	private final @Nullable Cache<String, Verified> verified;

	private final long maxTokenSize;

	private final Clock clock;

	private final long clockSkewSeconds;

	private final String rolesClaim;

	private final RevokedTokenStore revokedTokens;

	private final @Nullable TokenUserValidator userValidator;

	/**
	 * Creates a verifier.
	 * @param keys resolves the verification key
	 * @param properties the JWT properties
	 * @param clock the clock
	 * @param revokedTokens the revoked token ids
	 * @param userValidator the application's user check, already cached, or {@code null}
	 * for none
	 */
	public AccessTokenVerifier(VerificationKeyResolver keys, JwtProperties properties, Clock clock,
			RevokedTokenStore revokedTokens, @Nullable TokenUserValidator userValidator) {
		this.maxTokenSize = properties.getMaxTokenSize().toBytes();
		this.clock = clock;
		this.clockSkewSeconds = properties.getClockSkew().toSeconds();
		this.rolesClaim = properties.getRolesClaim();
		this.revokedTokens = revokedTokens;
		this.userValidator = userValidator;
		this.keys = keys;
		this.locator = new PinnedKeyLocator(keys,
				properties.getAcceptedTypes()
					.stream()
					.map((type) -> type.toLowerCase(Locale.ROOT))
					.collect(Collectors.toUnmodifiableSet()));
		this.parser = parser(properties, clock);
		int cacheSize = properties.getVerifiedTokenCacheSize();
		this.verified = (cacheSize > 0)
				? Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).<String, Verified>build() : null;
	}

	private JwtParser parser(JwtProperties properties, Clock clock) {
		JwtParserBuilder builder = Jwts.parser()
			.json(JwtJson.deserializer())
			.clock(() -> Date.from(clock.instant()))
			.clockSkewSeconds(this.clockSkewSeconds)
			.keyLocator(this.locator);
		if (properties.getIssuer() != null) {
			builder.requireIssuer(properties.getIssuer());
		}
		if (properties.getAudience() != null) {
			builder.requireAudience(properties.getAudience());
		}
		return builder.build();
	}

	/**
	 * Verifies an access token.
	 * @param token the compact JWS
	 * @return the verified token
	 * @throws InvalidTokenException when any check fails
	 */
	public VerifiedToken verify(String token) {
		if (token.length() > this.maxTokenSize) {
			throw new InvalidTokenException(Reason.TOO_LARGE, "token larger than the maximum size");
		}
		Verified verified = verified(token);
		Instant issuedAt = verified.issuedAt();
		// one second beyond the skew: a token issued just after an authority change
		// carries the next second as iat
		if (issuedAt != null && issuedAt.isAfter(this.clock.instant().plusSeconds(this.clockSkewSeconds + 1))) {
			throw new InvalidTokenException(Reason.NOT_YET_VALID, "token issued in the future");
		}
		String tokenId = verified.token().tokenId();
		if (tokenId != null && this.revokedTokens.isRevoked(tokenId)) {
			throw new InvalidTokenException(Reason.REVOKED, "token id revoked");
		}
		if (this.userValidator != null) {
			TokenUserValidator.UserStanding standing = this.userValidator.standing(verified.token().subject());
			if (!standing.active()) {
				throw new InvalidTokenException(Reason.USER_INACTIVE, "user disabled or deleted");
			}
			if (!standing.accepts(issuedAt)) {
				throw new InvalidTokenException(Reason.AUTHORITY_CHANGED,
						"token issued before the user's authority changed");
			}
		}
		return verified.token();
	}

	/**
	 * The token's signature and claims checked, or remembered from an earlier check that
	 * still holds.
	 * @param token the compact JWS
	 * @return the checked token
	 */
	private Verified verified(String token) {
		if (this.verified == null) {
			return verifySigned(token);
		}
		String digest = digest(token);
		Verified known = this.verified.getIfPresent(digest);
		if (known != null && isCurrent(known)) {
			return known;
		}
		Verified checked = verifySigned(token);
		this.verified.put(digest, checked);
		return checked;
	}

	private Verified verifySigned(String token) {
		Jws<Claims> jws;
		JwtKey key;
		try {
			jws = parse(token);
			// the key the signature was checked with, as the parser's locator found it
			key = this.locator.located.get();
		}
		finally {
			this.locator.located.remove();
		}
		Claims claims = jws.getPayload();
		Date expiration = claims.getExpiration();
		if (expiration == null) {
			throw new InvalidTokenException(Reason.MISSING_CLAIM, "token has no exp claim");
		}
		String subject = claims.getSubject();
		if (subject == null || subject.isBlank()) {
			throw new InvalidTokenException(Reason.MISSING_CLAIM, "token has no sub claim");
		}
		String keyId = jws.getHeader().getKeyId();
		return new Verified(new VerifiedToken(subject, roles(claims), claims.getId(), expiration.toInstant(), claims),
				instant(claims.getIssuedAt()), instant(claims.getNotBefore()), keyId, key.algorithm(),
				key.verificationKey());
	}

	/**
	 * Whether a remembered token would still pass the checks that depend on the time and
	 * on the key ring, with the parser's rules: expired once the clock minus the skew is
	 * after {@code exp}, premature while the clock plus the skew is before {@code nbf}.
	 * @param known the remembered token
	 * @return whether it still passes; if not, the token is verified again
	 */
	private boolean isCurrent(Verified known) {
		Instant now = this.clock.instant();
		if (now.minusSeconds(this.clockSkewSeconds).isAfter(known.token().expiresAt())) {
			return false;
		}
		if (known.notBefore() != null && now.plusSeconds(this.clockSkewSeconds).isBefore(known.notBefore())) {
			return false;
		}
		try {
			JwtKey key = this.keys.resolve(known.keyId());
			return key.algorithm() == known.algorithm()
					&& (key.verificationKey() == known.key() || key.verificationKey().equals(known.key()));
		}
		catch (InvalidTokenException ex) {
			return false;
		}
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	/**
	 * The cache key: a digest, so no lookup compares a client's string with a remembered
	 * token character by character.
	 * @param token the compact JWS
	 * @return its SHA-256, in hex
	 */
	private static String digest(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	private Jws<Claims> parse(String token) {
		try {
			return this.parser.parseSignedClaims(token);
		}
		catch (ExpiredJwtException ex) {
			throw new InvalidTokenException(Reason.EXPIRED, "token expired");
		}
		catch (PrematureJwtException ex) {
			throw new InvalidTokenException(Reason.NOT_YET_VALID, "token not yet valid");
		}
		catch (InvalidClaimException ex) {
			Reason reason = Claims.ISSUER.equals(ex.getClaimName()) ? Reason.WRONG_ISSUER
					: Claims.AUDIENCE.equals(ex.getClaimName()) ? Reason.WRONG_AUDIENCE : Reason.MISSING_CLAIM;
			throw new InvalidTokenException(reason, "claim " + ex.getClaimName() + " rejected");
		}
		catch (SecurityException ex) {
			throw new InvalidTokenException(Reason.BAD_SIGNATURE, "signature rejected");
		}
		catch (JwtException | IllegalArgumentException | ClassCastException ex) {
			throw new InvalidTokenException(Reason.MALFORMED, "token malformed: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * Forgets the cached answer of the user check for a subject, so the next token of
	 * that user is checked again on this instance (other instances see the change within
	 * {@code user-check-ttl}). Call it after the change is committed.
	 * @param subject the user id
	 */
	public void forgetUser(String subject) {
		if (this.userValidator instanceof CachingTokenUserValidator caching) {
			caching.evict(subject);
		}
	}

	private List<String> roles(Claims claims) {
		Object value = claims;
		for (String part : this.rolesClaim.split("\\.")) {
			value = (value instanceof Map<?, ?> map) ? map.get(part) : null;
		}
		List<String> roles = new ArrayList<>();
		if (value instanceof Collection<?> names) {
			for (Object name : names) {
				if (name instanceof String role && !role.isBlank()) {
					roles.add(role);
				}
			}
		}
		else if (value instanceof String names) {
			for (String role : names.split(" ")) {
				if (!role.isBlank()) {
					roles.add(role);
				}
			}
		}
		return roles;
	}

	/**
	 * A token whose signature and claims were checked, with what {@link #isCurrent} needs
	 * to tell whether that check still holds.
	 */
	private record Verified(VerifiedToken token, @Nullable Instant issuedAt, @Nullable Instant notBefore,
			@Nullable String keyId, JwtAlgorithm algorithm, Key key) {

	}

	/**
	 * Looks the key up by {@code kid} only and refuses any algorithm but the key's and
	 * any {@code typ} but an access token's, before the signature is checked.
	 */
	private static final class PinnedKeyLocator extends LocatorAdapter<Key> {

		private final VerificationKeyResolver keys;

		private final Set<String> types;

		/** The key found for the token being parsed on this thread. */
		private final ThreadLocal<JwtKey> located = new ThreadLocal<>();

		PinnedKeyLocator(VerificationKeyResolver keys, Set<String> types) {
			this.keys = keys;
			this.types = types;
		}

		@Override
		protected Key locate(JwsHeader header) {
			String type = header.getType();
			if (type == null || !this.types.contains(type.toLowerCase(Locale.ROOT))) {
				throw new InvalidTokenException(Reason.WRONG_TYPE, "token typ is not an access token type");
			}
			JwtKey key = this.keys.resolve(header.getKeyId());
			if (!key.algorithm().joseName().equals(header.getAlgorithm())) {
				throw new InvalidTokenException(Reason.BAD_SIGNATURE, "token alg is not the key's algorithm");
			}
			this.located.set(key);
			return key.verificationKey();
		}

	}

}
