package dev.secureapi.crypto.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * An AWS KMS endpoint speaking the service's JSON 1.1 protocol (GenerateDataKey, Decrypt,
 * ReEncrypt), for the real {@code KmsClient} to call through {@code endpointOverride}.
 * Keys are AES-256-GCM keys held here; the encryption context is authenticated, as KMS
 * does. Errors are answered with KMS's own error shapes, and can be scripted to test
 * retries and failures.
 */
public final class FakeKmsServer extends FakeProviderServer {

	/** The ARN of the key this server knows. */
	public static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

	/** The ARN of a second key this server knows. */
	public static final String OTHER_KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/other";

	private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();

	private final Deque<Failure> scripted = new ArrayDeque<>();

	private volatile Failure always;

	private volatile Map<String, String> lastEncryptionContext = Map.of();

	private volatile String lastAuthorization = "";

	private final SecureRandom random = new SecureRandom();

	public FakeKmsServer() throws IOException {
		super("/");
		this.keys.put(KEY_ARN, new SecretKeySpec(TestKeys.randomKey(), "AES"));
		this.keys.put(OTHER_KEY_ARN, new SecretKeySpec(TestKeys.randomKey(), "AES"));
		start();
	}

	public URI endpoint() {
		return baseUri();
	}

	public Map<String, String> lastEncryptionContext() {
		return this.lastEncryptionContext;
	}

	public String lastAuthorization() {
		return this.lastAuthorization;
	}

	/** Answers the next {@code count} calls with the given error. */
	public synchronized void failNext(int count, int status, String errorType) {
		for (int i = 0; i < count; i++) {
			this.scripted.add(new Failure(status, errorType));
		}
	}

	/**
	 * Answers every call with the given error, or normally again when {@code errorType}
	 * is null.
	 */
	public void failAlways(int status, String errorType) {
		this.always = (errorType != null) ? new Failure(status, errorType) : null;
	}

	@Override
	void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
			String operation = target.substring(target.indexOf('.') + 1);
			countCall(operation);
			this.lastAuthorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
			Failure failure = nextFailure();
			if (failure != null) {
				respond(exchange, failure.status, Map.of("__type", failure.type, "message", "scripted failure"));
				return;
			}
			JsonNode request = JSON.readTree(body.readAllBytes());
			this.lastEncryptionContext = context(request.path("EncryptionContext"));
			respond(exchange, 200, switch (operation) {
				case "GenerateDataKey" -> generateDataKey(request);
				case "Decrypt" -> decrypt(request);
				case "ReEncrypt" -> reEncrypt(request);
				default -> throw new KmsError(400, "UnsupportedOperationException");
			});
		}
		catch (KmsError error) {
			respond(exchange, error.status, Map.of("__type", error.type, "message", error.type));
		}
	}

	private synchronized Failure nextFailure() {
		Failure failure = this.scripted.poll();
		return (failure != null) ? failure : this.always;
	}

	private Map<String, Object> generateDataKey(JsonNode request) {
		String keyId = resolve(request.path("KeyId").asString());
		if (!"AES_256".equals(request.path("KeySpec").asString())) {
			throw new KmsError(400, "ValidationException");
		}
		byte[] plaintext = TestKeys.randomKey();
		byte[] blob = seal(keyId, plaintext, context(request.path("EncryptionContext")));
		return Map.of("KeyId", keyId, "Plaintext", b64(plaintext), "CiphertextBlob", b64(blob));
	}

	private Map<String, Object> decrypt(JsonNode request) {
		byte[] blob = Base64.getDecoder().decode(request.path("CiphertextBlob").asString());
		String keyId = keyIdOf(blob);
		if (request.hasNonNull("KeyId") && !resolve(request.path("KeyId").asString()).equals(keyId)) {
			throw new KmsError(400, "IncorrectKeyException");
		}
		byte[] plaintext = open(keyId, blob, context(request.path("EncryptionContext")));
		return Map.of("KeyId", keyId, "Plaintext", b64(plaintext), "EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
	}

	private Map<String, Object> reEncrypt(JsonNode request) {
		byte[] blob = Base64.getDecoder().decode(request.path("CiphertextBlob").asString());
		String sourceKey = keyIdOf(blob);
		byte[] plaintext = open(sourceKey, blob, context(request.path("SourceEncryptionContext")));
		String destination = resolve(request.path("DestinationKeyId").asString());
		byte[] rewrapped = seal(destination, plaintext, context(request.path("DestinationEncryptionContext")));
		return Map.of("KeyId", destination, "SourceKeyId", sourceKey, "CiphertextBlob", b64(rewrapped));
	}

	private String resolve(String keyId) {
		if (!this.keys.containsKey(keyId)) {
			throw new KmsError(400, "NotFoundException");
		}
		return keyId;
	}

	private byte[] seal(String keyId, byte[] plaintext, Map<String, String> context) {
		try {
			byte[] nonce = new byte[12];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(keyId), new GCMParameterSpec(128, nonce));
			cipher.updateAAD(new TreeMap<>(context).toString().getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
			return ByteBuffer.allocate(2 + id.length + 12 + sealed.length)
				.putShort((short) id.length)
				.put(id)
				.put(nonce)
				.put(sealed)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] open(String keyId, byte[] blob, Map<String, String> context) {
		try {
			int idLength = ByteBuffer.wrap(blob).getShort();
			int offset = 2 + idLength;
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.keys.get(keyId), new GCMParameterSpec(128, blob, offset, 12));
			cipher.updateAAD(new TreeMap<>(context).toString().getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(blob, offset + 12, blob.length - offset - 12);
		}
		catch (GeneralSecurityException ex) {
			throw new KmsError(400, "InvalidCiphertextException");
		}
	}

	private String keyIdOf(byte[] blob) {
		try {
			ByteBuffer buffer = ByteBuffer.wrap(blob);
			byte[] id = new byte[buffer.getShort()];
			buffer.get(id);
			return resolve(new String(id, StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			throw (ex instanceof KmsError) ? ex : new KmsError(400, "InvalidCiphertextException");
		}
	}

	private static Map<String, String> context(JsonNode node) {
		Map<String, String> context = new LinkedHashMap<>();
		node.properties().forEach((entry) -> context.put(entry.getKey(), entry.getValue().asString()));
		return context;
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
		if (status >= 400 && body.get("__type") != null) {
			exchange.getResponseHeaders().set("x-amzn-ErrorType", String.valueOf(body.get("__type")));
		}
		writeJson(exchange, status, "application/x-amz-json-1.1", body);
	}

	private record Failure(int status, String type) {
	}

	private static final class KmsError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final int status;

		private final String type;

		KmsError(int status, String type) {
			super(type);
			this.status = status;
			this.type = type;
		}

	}

}
