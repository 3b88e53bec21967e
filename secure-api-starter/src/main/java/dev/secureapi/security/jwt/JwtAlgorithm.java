package dev.secureapi.security.jwt;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

/**
 * The signature algorithms a configured key can use. A key is pinned to exactly one of
 * them: a token whose {@code alg} header names any other is rejected.
 *
 * @since 0.1.0
 */
public enum JwtAlgorithm {

	/** HMAC with SHA-256, a shared secret of at least 32 bytes. */
	HS256(Jwts.SIG.HS256),

	/** RSASSA-PKCS1-v1_5 with SHA-256. */
	RS256(Jwts.SIG.RS256),

	/** ECDSA on P-256 with SHA-256. */
	ES256(Jwts.SIG.ES256),

	/** Edwards-curve signatures (Ed25519). */
	EdDSA(Jwts.SIG.EdDSA);

	private final SecureDigestAlgorithm<?, ?> jjwt;

	JwtAlgorithm(SecureDigestAlgorithm<?, ?> jjwt) {
		this.jjwt = jjwt;
	}

	/**
	 * The algorithm's JOSE name, as written in the {@code alg} header.
	 * @return the name
	 */
	public String joseName() {
		return this.jjwt.getId();
	}

	SecureDigestAlgorithm<?, ?> jjwt() {
		return this.jjwt;
	}

}
