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

	public static final String SECRET = "base64:" + Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3, 4, 5, 6,
			7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 });

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

	public static JwtProperties.Key key(String id, JwtAlgorithm algorithm, KeyPair pair) {
		JwtProperties.Key key = new JwtProperties.Key();
		key.setId(id);
		key.setAlgorithm(algorithm);
		key.setPrivateKey(privatePem(pair));
		key.setPublicKey(publicPem(pair));
		return key;
	}

}
