package dev.secureapi.crypto.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * A Vault HTTP API endpoint for transit ({@code datakey/plaintext}, {@code decrypt},
 * {@code rewrap}) and KV v2 reads, for the real Spring Vault {@code VaultTemplate} to
 * call. Checks the {@code X-Vault-Token} header and answers errors in Vault's
 * {@code {"errors": [...]}} shape.
 */
public final class FakeVaultServer extends FakeProviderServer {

	/** The token this server accepts. */
	public static final String TOKEN = "s.test-token";

	/** The AppRole role id this server accepts. */
	public static final String ROLE_ID = "role-1";

	/** The AppRole secret id this server accepts. */
	public static final String SECRET_ID = "secret-1";

	private final List<SecretKeySpec> transitVersions = new ArrayList<>();

	private final Map<String, Map<String, Object>> kv = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private volatile int failStatus;

	private final List<String> namespaces = new java.util.concurrent.CopyOnWriteArrayList<>();

	public FakeVaultServer() throws IOException {
		super("/v1/");
		rotateTransitKey();
		start();
	}

	public URI uri() {
		return baseUri();
	}

	/** Answers every call with this status, or normally again with 0. */
	public void failAlways(int status) {
		this.failStatus = status;
	}

	public synchronized void rotateTransitKey() {
		this.transitVersions.add(new SecretKeySpec(TestKeys.randomKey(), "AES"));
	}

	/**
	 * The X-Vault-Namespace header of every request so far, in order ("" when absent).
	 */
	public List<String> namespaces() {
		return List.copyOf(this.namespaces);
	}

	public void putSecret(String path, Map<String, Object> data) {
		this.kv.put(path, data);
	}

	@Override
	void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			String path = exchange.getRequestURI().getPath().substring("/v1/".length());
			String operation = path.startsWith("transit/") ? path.split("/")[1] : "kv";
			countCall(operation);
			String namespace = exchange.getRequestHeaders().getFirst("X-Vault-Namespace");
			this.namespaces.add((namespace != null) ? namespace : "");
			if (this.failStatus != 0) {
				respond(exchange, this.failStatus, Map.of("errors", List.of("scripted failure")));
				return;
			}
			if (path.equals("auth/approle/login")) {
				JsonNode login = JSON.readTree(body.readAllBytes());
				if (!ROLE_ID.equals(login.path("role_id").asString())
						|| !SECRET_ID.equals(login.path("secret_id").asString())) {
					respond(exchange, 400, Map.of("errors", List.of("invalid role or secret ID")));
					return;
				}
				respond(exchange, 200, Map.of("auth", Map.of("client_token", TOKEN, "accessor", "accessor",
						"lease_duration", 3600, "renewable", false, "policies", List.of("default"))));
				return;
			}
			if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
				respond(exchange, 403, Map.of("errors", List.of("permission denied")));
				return;
			}
			byte[] raw = body.readAllBytes();
			JsonNode request = (raw.length > 0) ? JSON.readTree(raw) : JSON.createObjectNode();
			Object data = switch (operation) {
				case "datakey" -> datakey(path, request);
				case "decrypt" -> Map.of("plaintext", b64(open(request.path("ciphertext").asString())));
				case "rewrap" -> Map.of("ciphertext", seal(open(request.path("ciphertext").asString())));
				default -> this.kv.get(path.replaceFirst("^secret/data/", ""));
			};
			if (data == null) {
				respond(exchange, 404, Map.of("errors", List.of()));
				return;
			}
			respond(exchange, 200, Map.of("data",
					operation.equals("kv") ? Map.of("data", data, "metadata", Map.of("version", 1)) : data));
		}
		catch (VaultError error) {
			respond(exchange, 400, Map.of("errors", List.of(error.getMessage())));
		}
	}

	private Map<String, Object> datakey(String path, JsonNode request) {
		if (!path.startsWith("transit/datakey/plaintext/") || request.path("bits").asInt(256) != 256) {
			throw new VaultError("invalid request");
		}
		byte[] plaintext = TestKeys.randomKey();
		return Map.of("plaintext", b64(plaintext), "ciphertext", seal(plaintext), "key_version",
				this.transitVersions.size());
	}

	private synchronized String seal(byte[] plaintext) {
		try {
			byte[] nonce = new byte[12];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			int version = this.transitVersions.size();
			cipher.init(Cipher.ENCRYPT_MODE, this.transitVersions.get(version - 1), new GCMParameterSpec(128, nonce));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] out = new byte[12 + sealed.length];
			System.arraycopy(nonce, 0, out, 0, 12);
			System.arraycopy(sealed, 0, out, 12, sealed.length);
			return "vault:v" + version + ":" + b64(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private synchronized byte[] open(String ciphertext) {
		String[] parts = ciphertext.split(":");
		if (parts.length != 3 || !parts[0].equals("vault") || !parts[1].startsWith("v")) {
			throw new VaultError("invalid ciphertext");
		}
		try {
			int version = Integer.parseInt(parts[1].substring(1));
			byte[] bytes = Base64.getDecoder().decode(parts[2].getBytes(StandardCharsets.US_ASCII));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.transitVersions.get(version - 1),
					new GCMParameterSpec(128, bytes, 0, 12));
			return cipher.doFinal(bytes, 12, bytes.length - 12);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new VaultError("cipher: message authentication failed");
		}
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
		writeJson(exchange, status, "application/json", body);
	}

	private static final class VaultError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		VaultError(String message) {
			super(message);
		}

	}

}
