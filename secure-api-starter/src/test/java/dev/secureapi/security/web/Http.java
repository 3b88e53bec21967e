package dev.secureapi.security.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Real HTTP against the test server on 127.0.0.1 (never "localhost", which may resolve to
 * ::1).
 */
final class Http {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final int port;

	Http(int port) {
		this.port = port;
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
	}

	HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder builder = request(path).GET();
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return send(builder.build());
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends only a request head over a raw socket and reads what the server answers,
	 * without sending any body.
	 */
	String rawHead(String head) throws IOException {
		return rawHead(head.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Sends a request head given as bytes (any octet, as a client could) over a raw
	 * socket and reads what the server answers.
	 */
	String rawHead(byte[] head) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head);
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder answer = new StringBuilder();
			byte[] buffer = new byte[8192];
			int read;
			while ((read = in.read(buffer)) > 0) {
				answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
				if (answer.indexOf("\r\n\r\n") > 0 && answer.indexOf("\"request_id\"") > 0
						&& answer.lastIndexOf("}") > answer.indexOf("\"request_id\"")) {
					break;
				}
			}
			return answer.toString();
		}
	}

}
