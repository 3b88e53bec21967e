package dev.secureapi.security.jwt;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Key pairs and their PEM text for tests.
 */
public final class TestKeys {

	public static final String SECRET = "base64:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

	private TestKeys() {
	}

	public static KeyPair rsa() {
		return generate("RSA", null);
	}

	public static KeyPair ec() {
		return generate("EC", new ECGenParameterSpec("secp256r1"));
	}

	public static KeyPair ed25519() {
		return generate("Ed25519", null);
	}

	private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
			if (spec != null) {
				generator.initialize(spec);
			}
			else if (algorithm.equals("RSA")) {
				generator.initialize(2048);
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String privatePem(KeyPair pair) {
		return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
	}

	public static String publicPem(KeyPair pair) {
		return pem("PUBLIC KEY", pair.getPublic().getEncoded());
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	/** A fresh key of the given algorithm, as configured under secure-api.jwt.keys. */
	public static JwtProperties.Key key(String id, JwtAlgorithm algorithm) {
		return switch (algorithm) {
			case HS256 -> {
				JwtProperties.Key hs = new JwtProperties.Key();
				hs.setId(id);
				hs.setSecret(SECRET);
				yield hs;
			}
			case RS256 -> key(id, algorithm, rsa());
			case ES256 -> key(id, algorithm, ec());
			case EdDSA -> key(id, algorithm, ed25519());
		};
	}

	public static JwtProperties.Key key(String id, JwtAlgorithm algorithm, KeyPair pair) {
		JwtProperties.Key key = new JwtProperties.Key();
		key.setId(id);
		key.setAlgorithm(algorithm);
		key.setPrivateKey(privatePem(pair));
		key.setPublicKey(publicPem(pair));
		return key;
	}

}
