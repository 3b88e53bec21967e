package dev.secureapi.security.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

/**
 * Turns {@link JwtProperties} into a {@link JwtKeyRing}, failing with an
 * {@link InvalidJwtKeyException} that names the property for every missing, weak or
 * unreadable key.
 */
final class JwtKeyLoader {

	/** The key id of tokens signed with {@code secure-api.jwt.secret}. */
	public static final String DEFAULT_KEY_ID = "default";

	/** The shortest accepted HS256 secret, in bytes (RFC 7518 §3.2). */
	public static final int MIN_SECRET_BYTES = 32;

	private static final String BASE64_PREFIX = "base64:";

	private static final Pattern PUBLIC_KEY_PEM = Pattern
		.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

	private final ResourceLoader resourceLoader;

	/**
	 * Creates a loader.
	 * @param resourceLoader resolves key locations such as {@code file:} and
	 * {@code classpath:}
	 */
	JwtKeyLoader(@Nullable ResourceLoader resourceLoader) {
		this.resourceLoader = (resourceLoader != null) ? resourceLoader : new DefaultResourceLoader();
	}

	/**
	 * Loads the configured keys.
	 * @param properties the properties
	 * @return the key ring, or {@code null} when no key is configured (an empty secret
	 * counts as none)
	 */
	@Nullable JwtKeyRing load(JwtProperties properties) {
		List<JwtKey> keys = new ArrayList<>();
		String configured = properties.getSecret();
		if (configured != null && !configured.isEmpty()) {
			SecretKey secret = hmacKey("secure-api.jwt.secret", configured);
			keys.add(new JwtKey(DEFAULT_KEY_ID, JwtAlgorithm.HS256, secret, secret));
		}
		for (int i = 0; i < properties.getKeys().size(); i++) {
			keys.add(load("secure-api.jwt.keys[" + i + "]", properties.getKeys().get(i)));
		}
		if (keys.isEmpty()) {
			return null;
		}
		return JwtKeyRing.of(keys, properties.getActiveKeyId());
	}

	private JwtKey load(String property, JwtProperties.Key key) {
		if (key.getAlgorithm() == JwtAlgorithm.HS256) {
			if (key.getSecret() == null) {
				throw new InvalidJwtKeyException(property + ".secret", "an HS256 key needs a secret");
			}
			SecretKey secret = hmacKey(property + ".secret", key.getSecret());
			return new JwtKey(key.getId(), JwtAlgorithm.HS256, secret, secret);
		}
		PrivateKey privateKey = (key.getPrivateKey() != null)
				? privateKey(property + ".private-key", key.getPrivateKey()) : null;
		PublicKey publicKey = (key.getPublicKey() != null)
				? publicKey(property + ".public-key", key.getPublicKey(), key.getAlgorithm())
				: derivePublicKey(property, privateKey);
		return new JwtKey(key.getId(), key.getAlgorithm(), publicKey, privateKey);
	}

	/**
	 * Reads an HS256 secret: the UTF-8 bytes of the value, or the decoded bytes after a
	 * {@code base64:} prefix.
	 * @param property the property, for the error message
	 * @param value the configured value
	 * @return the key
	 * @throws InvalidJwtKeyException when the value is shorter than 32 bytes or not valid
	 * base64
	 */
	static SecretKey hmacKey(String property, String value) {
		byte[] bytes;
		if (value.startsWith(BASE64_PREFIX)) {
			try {
				bytes = Base64.getDecoder().decode(value.substring(BASE64_PREFIX.length()).trim());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidJwtKeyException(property, "the value after 'base64:' is not valid base64");
			}
		}
		else {
			bytes = value.getBytes(StandardCharsets.UTF_8);
		}
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new InvalidJwtKeyException(property, "an HS256 secret must be at least " + MIN_SECRET_BYTES
					+ " bytes (256 bits), but this one is " + bytes.length + " bytes");
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

	private PrivateKey privateKey(String property, String value) {
		try {
			PrivateKey key = pem(value).getPrivateKey();
			if (key == null) {
				throw new InvalidJwtKeyException(property, "no PEM private key found");
			}
			return key;
		}
		catch (IOException | IllegalStateException ex) {
			throw new InvalidJwtKeyException(property, "the PEM private key cannot be read", ex);
		}
	}

	private PublicKey publicKey(String property, String value, JwtAlgorithm algorithm) {
		try {
			String text = text(value);
			Matcher matcher = PUBLIC_KEY_PEM.matcher(text);
			if (matcher.find()) {
				byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
				return KeyFactory.getInstance(keyFactoryAlgorithm(algorithm))
					.generatePublic(new X509EncodedKeySpec(der));
			}
			List<java.security.cert.X509Certificate> certificates = PemContent.of(text).getCertificates();
			return certificates.get(0).getPublicKey();
		}
		catch (IOException | GeneralSecurityException | IllegalStateException | IllegalArgumentException ex) {
			throw new InvalidJwtKeyException(property, "the PEM public key or certificate cannot be read", ex);
		}
	}

	private static PublicKey derivePublicKey(String property, @Nullable PrivateKey privateKey) {
		if (privateKey instanceof RSAPrivateCrtKey rsa) {
			try {
				return KeyFactory.getInstance("RSA")
					.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
			}
			catch (GeneralSecurityException ex) {
				throw new InvalidJwtKeyException(property + ".private-key", "the RSA public key cannot be derived", ex);
			}
		}
		throw new InvalidJwtKeyException(property + ".public-key",
				"a public key is required (it verifies the tokens this key signs)");
	}

	private PemContent pem(String value) throws IOException {
		return PemContent.of(text(value));
	}

	private String text(String value) throws IOException {
		if (PemContent.isPresentInText(value) || value.contains("-----BEGIN")) {
			return value;
		}
		try (InputStream in = this.resourceLoader.getResource(value).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	private static String keyFactoryAlgorithm(JwtAlgorithm algorithm) {
		return switch (algorithm) {
			case RS256 -> "RSA";
			case ES256 -> "EC";
			case EdDSA -> "EdDSA";
			case HS256 -> throw new IllegalArgumentException("HS256 has no public key");
		};
	}

}
