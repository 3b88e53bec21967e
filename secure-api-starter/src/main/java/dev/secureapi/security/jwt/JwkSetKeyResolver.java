package dev.secureapi.security.jwt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.secureapi.security.jwt.InvalidTokenException.Reason;

/**
 * Verification keys from an identity provider's JWK set, fetched from the configured URI
 * only (never from a token's {@code jku}, {@code x5u} or {@code jwk} header). Keys are
 * cached; a token naming an unknown {@code kid} triggers a new fetch, at most once per
 * refresh interval, so key rotation at the provider is picked up without letting forged
 * key ids hammer it. Only public RSA, EC P-256 and Ed25519 keys are used, each pinned to
 * its JWK {@code alg} (or, when absent, RS256, ES256 or EdDSA by key type).
 *
 * <p>
 * Not Spring Security's NimbusJwtDecoder: tokens are verified with jjwt, and the decoder
 * would bring a second JWT library with its own validation rules; this class only fetches
 * the JWK set and hands keys to jjwt.
 */
final class JwkSetKeyResolver implements VerificationKeyResolver {

	private static final Log logger = LogFactory.getLog(JwkSetKeyResolver.class);

	private final URI uri;

	private final Duration refreshInterval;

	private final Clock clock;

	private final HttpClient http;

	private volatile Map<String, JwtKey> keys = Map.of();

	private volatile @Nullable Instant lastFetch;

	/**
	 * Creates a resolver.
	 * @param uri the JWK set URI
	 * @param refreshInterval the least time between two fetches
	 * @param clock the clock
	 */
	JwkSetKeyResolver(URI uri, Duration refreshInterval, Clock clock) {
		this.uri = uri;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	@Override
	public JwtKey resolve(@Nullable String keyId) {
		JwtKey key = find(this.keys, keyId);
		if (key == null && refreshAllowed()) {
			refresh();
			key = find(this.keys, keyId);
		}
		if (key == null) {
			throw new InvalidTokenException(Reason.UNKNOWN_KEY, "no key in the JWK set matches the token's kid");
		}
		return key;
	}

	private static @Nullable JwtKey find(Map<String, JwtKey> keys, @Nullable String keyId) {
		if (keyId == null) {
			return (keys.size() == 1) ? keys.values().iterator().next() : null;
		}
		return keys.get(keyId);
	}

	private boolean refreshAllowed() {
		Instant last = this.lastFetch;
		return last == null || !this.clock.instant().isBefore(last.plus(this.refreshInterval));
	}

	private synchronized void refresh() {
		if (!refreshAllowed()) {
			return;
		}
		this.lastFetch = this.clock.instant();
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.uri)
				.timeout(Duration.ofSeconds(10))
				.header("Accept", "application/jwk-set+json, application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				logger.warn("JWK set " + this.uri + " answered " + response.statusCode() + "; keeping the cached keys");
				return;
			}
			this.keys = parse(response.body());
		}
		catch (IOException | JwtException | IllegalArgumentException ex) {
			logger.warn("JWK set " + this.uri + " could not be read (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + "); keeping the cached keys");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static Map<String, JwtKey> parse(String json) {
		JwkSet set = Jwks.setParser().json(JwtJson.deserializer()).ignoreUnsupported(true).build().parse(json);
		Map<String, JwtKey> keys = new HashMap<>();
		for (Jwk<?> jwk : set.getKeys()) {
			Key key = jwk.toKey();
			JwtAlgorithm algorithm = (key instanceof PublicKey publicKey) ? algorithm(jwk.getAlgorithm(), publicKey)
					: null;
			if (algorithm != null && jwk.getId() != null) {
				keys.put(jwk.getId(), new JwtKey(jwk.getId(), algorithm, key, null));
			}
		}
		return Map.copyOf(keys);
	}

	private static @Nullable JwtAlgorithm algorithm(@Nullable String declared, PublicKey key) {
		JwtAlgorithm byType = (key instanceof RSAPublicKey) ? JwtAlgorithm.RS256
				: (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256)
						? JwtAlgorithm.ES256 : (key instanceof EdECPublicKey) ? JwtAlgorithm.EdDSA : null;
		if (declared == null || byType == null) {
			return byType;
		}
		return byType.joseName().equals(declared) ? byType : null;
	}

}
