package dev.secureapi.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-made tokens for attack tests: what an attacker can send, byte for byte.
 */
public final class Forge {

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private Forge() {
	}

	public static byte[] testSecret() {
		return Base64.getDecoder().decode(TestKeys.SECRET.substring("base64:".length()));
	}

	public static String part(String json) {
		return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** A payload a token of the test secret would carry, valid now. */
	public static String claims(Instant now, String subject) {
		return "{\"sub\":\"" + subject + "\",\"roles\":[\"ADMIN\"],\"iat\":" + now.getEpochSecond() + ",\"nbf\":"
				+ now.getEpochSecond() + ",\"exp\":" + (now.getEpochSecond() + 600) + ",\"jti\":\"j-" + subject + "\"}";
	}

	public static String header(String alg, String kid) {
		return "{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}";
	}

	/** Signs header and payload with an HMAC of the given JCA name. */
	public static String hmac(String jcaName, byte[] key, String headerJson, String payloadJson) {
		String input = part(headerJson) + "." + part(payloadJson);
		try {
			Mac mac = Mac.getInstance(jcaName);
			mac.init(new SecretKeySpec(key, jcaName));
			return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An unsigned token ({@code alg: none}). */
	public static String unsigned(String headerJson, String payloadJson) {
		return part(headerJson) + "." + part(payloadJson) + ".";
	}

}
