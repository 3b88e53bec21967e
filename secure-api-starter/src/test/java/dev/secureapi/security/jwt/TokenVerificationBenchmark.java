package dev.secureapi.security.jwt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.secureapi.test.MutableClock;

/**
 * Full access-token verification as the bearer filter does it (size cap, parse, key
 * lookup, signature, claims, revocation check), one thread. Run with
 * {@code org.openjdk.jmh.Main TokenVerificationBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class TokenVerificationBenchmark {

	@Param({ "HS256", "RS256", "ES256", "EdDSA" })
	public String algorithm;

	/**
	 * The verified-token cache's size: 0 verifies every call from scratch, the default
	 * remembers the token after the first call.
	 */
	@Param({ "0", "10000" })
	public int cacheSize;

	private AccessTokenVerifier verifier;

	private String token;

	@Setup
	public void setUp() {
		JwtProperties properties = new JwtProperties();
		properties.setIssuer("https://api.example");
		properties.setAudience("api");
		properties.setAccessTokenTtl(Duration.ofHours(1));
		properties.setVerifiedTokenCacheSize(this.cacheSize);
		JwtAlgorithm alg = JwtAlgorithm.valueOf(this.algorithm);
		JwtProperties.Key key = TestKeys.key("k", alg);
		properties.setKeys(List.of(key));
		MutableClock clock = MutableClock.now();
		JwtKeyRing keys = new JwtKeyLoader(null).load(properties);
		InMemoryRevokedTokenStore revoked = new InMemoryRevokedTokenStore(clock);
		this.verifier = new AccessTokenVerifier(keys, properties, clock, revoked, null);
		TokenService service = new TokenService(keys, this.verifier, new InMemoryRefreshTokenStore(10, clock), revoked,
				properties, clock);
		this.token = service.issueAccessToken("12345", List.of("USER", "ADMIN")).value();
	}

	@Benchmark
	public VerifiedToken verify() {
		return this.verifier.verify(this.token);
	}

}
