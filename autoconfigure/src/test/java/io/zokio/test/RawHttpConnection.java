package io.zokio.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection on a raw socket to 127.0.0.1, for tests that control exactly what is sent
 * and when: keep-alive reuse, partial requests, malformed requests, clients that never read.
 */
public final class RawHttpConnection implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private long bytesSent;

	private long bytesReceived;

	public RawHttpConnection(int port) throws IOException {
		this(port, 10_000);
	}

	public RawHttpConnection(int port, int readTimeoutMillis) throws IOException {
		this(new Socket(InetAddress.getLoopbackAddress(), port), readTimeoutMillis);
	}

	/**
	 * Speak HTTP/1.1 on a connected socket, such as a TLS socket whose handshake is done.
	 * @param socket the socket
	 * @param readTimeoutMillis the read timeout
	 * @throws IOException on I/O failure
	 */
	public RawHttpConnection(Socket socket, int readTimeoutMillis) throws IOException {
		this.socket = socket;
		this.socket.setSoTimeout(readTimeoutMillis);
		this.socket.setTcpNoDelay(true);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
	}

	public Socket socket() {
		return this.socket;
	}

	public void send(String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
		this.out.write(bytes);
		this.out.flush();
		this.bytesSent += bytes.length;
	}

	public long bytesSent() {
		return this.bytesSent;
	}

	public long bytesReceived() {
		return this.bytesReceived;
	}

	public Response get(String path) throws IOException {
		send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
		return readResponse();
	}

	public Response readResponse() throws IOException {
		String statusLine = readLine();
		if (statusLine == null) {
			return null;
		}
		Map<String, String> headers = new LinkedHashMap<>();
		String line;
		while ((line = readLine()) != null && !line.isEmpty()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		byte[] body;
		if (headers.containsKey("content-length")) {
			body = readBytes(Integer.parseInt(headers.get("content-length")));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = readChunked();
		}
		else if ("close".equalsIgnoreCase(headers.get("connection"))) {
			body = this.in.readAllBytes();
			this.bytesReceived += body.length;
		}
		else {
			body = new byte[0];
		}
		String[] parts = statusLine.split(" ", 3);
		return new Response(parts[0], Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
	}

	/**
	 * Read a response, or see the connection closed (or reset) without one.
	 * @return the response, or {@code null} if the server closed the connection first
	 * @throws IOException if reading times out with the connection still open
	 */
	public Response readResponseOrClose() throws IOException {
		try {
			return readResponse();
		}
		catch (java.net.SocketException | javax.net.ssl.SSLException ex) {
			return null;
		}
	}

	/**
	 * Return whether the server closed the connection: a read sees end of stream (or a reset)
	 * before the read timeout.
	 * @return whether the connection is closed
	 * @throws IOException if reading times out with the connection still open
	 */
	public boolean isClosedByServer() throws IOException {
		try {
			return this.in.read() == -1;
		}
		catch (java.net.SocketException | javax.net.ssl.SSLException ex) {
			return true;
		}
	}

	private byte[] readChunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			int size = Integer.parseInt(readLine().trim(), 16);
			if (size == 0) {
				readLine();
				return body.toByteArray();
			}
			body.write(readBytes(size));
			readLine();
		}
	}

	private byte[] readBytes(int length) throws IOException {
		byte[] bytes = this.in.readNBytes(length);
		this.bytesReceived += bytes.length;
		return bytes;
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != -1) {
			this.bytesReceived++;
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			line.write(b);
		}
		return (line.size() > 0) ? line.toString(StandardCharsets.ISO_8859_1) : null;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * A response read from the connection.
	 *
	 * @param version the protocol version of the status line
	 * @param status the status code
	 * @param headers the headers, with lowercase names
	 * @param body the body
	 */
	public record Response(String version, int status, Map<String, String> headers, String body) {

	}

}
