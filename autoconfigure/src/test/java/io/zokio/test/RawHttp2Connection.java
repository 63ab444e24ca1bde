package io.zokio.test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * One HTTP/2 connection on a raw socket, framed by hand (header blocks coded by Netty's HPACK), for
 * tests that control exactly which frames are sent and when: stalled header blocks and bodies,
 * and exact byte counts. Opens with prior knowledge, after ALPN, or by {@code Upgrade: h2c}.
 */
public final class RawHttp2Connection implements AutoCloseable {

	private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final int DATA = 0x0;

	private static final int HEADERS = 0x1;

	private static final int RST_STREAM = 0x3;

	private static final int SETTINGS = 0x4;

	private static final int PING = 0x6;

	private static final int GOAWAY = 0x7;

	private static final int END_STREAM = 0x1;

	private static final int END_HEADERS = 0x4;

	private static final int ACK = 0x1;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();

	private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);

	private final Map<Integer, Long> serverSettings = new HashMap<>();

	private int nextStream = 1;

	private long bytesSent;

	private long bytesReceived;

	private long goAwayError = -1;

	private Response upgradeResponse;

	/**
	 * Open a connection on the given layout; on {@link Layout#H2C_UPGRADE} the upgrade request is a
	 * {@code GET} of the given path, answered on stream 1 ({@link #upgradeResponse()}).
	 * @param layout the layout, one of HTTP/2
	 * @param port the server's port
	 * @param upgradePath the path of the upgrade request
	 * @param readTimeoutMillis the read timeout
	 * @throws IOException on I/O failure
	 */
	public RawHttp2Connection(Layout layout, int port, String upgradePath, int readTimeoutMillis)
			throws IOException {
		this(layout.connect(port), readTimeoutMillis, layout, upgradePath);
	}

	/**
	 * Speak HTTP/2 with prior knowledge on a connected socket, such as a TLS socket whose handshake
	 * chose {@code h2}.
	 * @param socket the socket
	 * @param readTimeoutMillis the read timeout
	 * @throws IOException on I/O failure
	 */
	public RawHttp2Connection(Socket socket, int readTimeoutMillis) throws IOException {
		this(socket, readTimeoutMillis, Layout.H2_ALPN, "/");
	}

	private RawHttp2Connection(Socket socket, int readTimeoutMillis, Layout layout, String upgradePath)
			throws IOException {
		this.socket = socket;
		this.socket.setSoTimeout(readTimeoutMillis);
		this.socket.setTcpNoDelay(true);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
		if (layout == Layout.H2C_UPGRADE) {
			send(("GET " + upgradePath + " HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
					+ "Upgrade: h2c\r\nHTTP2-Settings: AAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			String head = readHttp11Head();
			if (!head.startsWith("HTTP/1.1 101")) {
				throw new IOException("Not upgraded: " + head);
			}
			sendPreface();
			this.nextStream = 3;
			this.upgradeResponse = readResponse(1);
		}
		else {
			sendPreface();
		}
	}

	/**
	 * Return the connection's socket, to read from it below the frames.
	 * @return the socket
	 */
	public Socket socket() {
		return this.socket;
	}

	public Response upgradeResponse() {
		return this.upgradeResponse;
	}

	/**
	 * Return the settings the server sent, by identifier, once a response has been read.
	 * @return the settings
	 */
	public Map<Integer, Long> serverSettings() {
		return this.serverSettings;
	}

	public long bytesSent() {
		return this.bytesSent;
	}

	public long bytesReceived() {
		return this.bytesReceived;
	}

	private void sendPreface() throws IOException {
		ByteArrayOutputStream preface = new ByteArrayOutputStream();
		preface.writeBytes(PREFACE);
		preface.writeBytes(frame(SETTINGS, 0, 0, new byte[0]));
		send(preface.toByteArray());
	}

	/**
	 * Start a request on a new stream.
	 * @param method the method
	 * @param path the path
	 * @param contentLength the declared body length, or {@code -1} for none
	 * @param endStream whether the request has no body
	 * @param endHeaders whether the header block ends in this frame
	 * @return the stream id
	 * @throws IOException on I/O failure
	 */
	public int request(String method, String path, long contentLength, boolean endStream, boolean endHeaders)
			throws IOException {
		return request(method, path, contentLength, endStream, endHeaders, Map.of());
	}

	/**
	 * Start a request with further fields, sent as given (a name with capitals too), on a new
	 * stream.
	 * @param method the method
	 * @param path the path
	 * @param contentLength the declared body length, or {@code -1} for none
	 * @param endStream whether the request has no body
	 * @param endHeaders whether the header block ends in this frame
	 * @param fields the further fields
	 * @return the stream id
	 * @throws IOException on I/O failure
	 */
	public int request(String method, String path, long contentLength, boolean endStream, boolean endHeaders,
			Map<String, String> fields) throws IOException {
		int stream = this.nextStream;
		this.nextStream += 2;
		Http2Headers headers = new DefaultHttp2Headers(false).method(method)
			.scheme((this.socket instanceof javax.net.ssl.SSLSocket) ? "https" : "http")
			.path(path)
			.authority("localhost");
		if (contentLength >= 0) {
			headers.setLong("content-length", contentLength);
		}
		fields.forEach(headers::add);
		ByteBuf block = Unpooled.buffer();
		try {
			this.encoder.encodeHeaders(stream, headers, block);
			byte[] bytes = new byte[block.readableBytes()];
			block.readBytes(bytes);
			int flags = (endStream ? END_STREAM : 0) | (endHeaders ? END_HEADERS : 0);
			send(frame(HEADERS, flags, stream, bytes));
		}
		catch (Http2Exception ex) {
			throw new IOException(ex);
		}
		finally {
			block.release();
		}
		return stream;
	}

	/**
	 * GET a path on a new stream and read its response.
	 * @param path the path
	 * @return the response
	 * @throws IOException on I/O failure
	 */
	public Response get(String path) throws IOException {
		return readResponse(request("GET", path, -1, true, true));
	}

	/**
	 * Reset a stream, as a client cancelling it.
	 * @param stream the stream
	 * @throws IOException on I/O failure
	 */
	public void reset(int stream) throws IOException {
		send(frame(RST_STREAM, 0, stream, new byte[] { 0, 0, 0, 0x8 }));
	}

	/**
	 * Send body bytes on a stream.
	 * @param stream the stream
	 * @param bytes the bytes
	 * @param endStream whether they end the request
	 * @throws IOException on I/O failure
	 */
	public void data(int stream, byte[] bytes, boolean endStream) throws IOException {
		send(frame(DATA, endStream ? END_STREAM : 0, stream, bytes));
	}

	/**
	 * Read frames until the given stream ends or is reset.
	 * @param stream the stream
	 * @return its response
	 * @throws IOException on I/O failure, or if the connection closes first
	 */
	public Response readResponse(int stream) throws IOException {
		int status = 0;
		Map<String, String> headers = new HashMap<>();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			Frame frame = readFrame();
			if (frame == null) {
				throw new EOFException("Connection closed before stream " + stream + " ended");
			}
			if (frame.stream() != stream) {
				continue;
			}
			if (frame.type() == RST_STREAM) {
				return new Response(status, headers, body.toString(StandardCharsets.UTF_8), true);
			}
			if (frame.type() == HEADERS) {
				Http2Headers decoded = decodeHeaders(frame);
				if (decoded.status() != null) {
					status = Integer.parseInt(decoded.status().toString());
				}
				decoded.forEach((header) -> headers.put(header.getKey().toString(), header.getValue().toString()));
			}
			else if (frame.type() == DATA) {
				body.writeBytes(frame.payload());
			}
			if ((frame.type() == HEADERS || frame.type() == DATA) && (frame.flags() & END_STREAM) != 0) {
				return new Response(status, headers, body.toString(StandardCharsets.UTF_8), false);
			}
		}
	}

	/**
	 * Return the error code of the last GOAWAY the server sent.
	 * @return the error code, or {@code -1} if none was read
	 */
	public long goAwayError() {
		return this.goAwayError;
	}

	/**
	 * Send bytes as they are, such as frames made with {@link #frame}.
	 * @param bytes the bytes
	 * @throws IOException on I/O failure
	 */
	public void write(byte[] bytes) throws IOException {
		send(bytes);
	}

	/**
	 * Return whether the server closed the connection: frames are read (and dropped) until end of
	 * stream or a reset, before the read timeout.
	 * @return whether the connection is closed
	 * @throws IOException if reading times out with the connection still open
	 */
	public boolean isClosedByServer() throws IOException {
		while (readFrame() != null) {
		}
		return true;
	}

	private Http2Headers decodeHeaders(Frame frame) throws IOException {
		ByteBuf block = Unpooled.wrappedBuffer(frame.payload());
		try {
			return this.decoder.decodeHeaders(frame.stream(), block);
		}
		catch (Http2Exception ex) {
			throw new IOException(ex);
		}
	}

	private Frame readFrame() throws IOException {
		byte[] header = new byte[9];
		try {
			this.in.readFully(header);
			int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
			byte[] payload = new byte[length];
			this.in.readFully(payload);
			this.bytesReceived += 9 + length;
			Frame frame = new Frame(header[3] & 0xff, header[4] & 0xff,
					((header[5] & 0x7f) << 24) | ((header[6] & 0xff) << 16) | ((header[7] & 0xff) << 8) | (header[8] & 0xff),
					payload);
			answer(frame);
			return frame;
		}
		catch (EOFException | SocketException | SSLException ex) {
			return null;
		}
	}

	private void answer(Frame frame) throws IOException {
		if (frame.type() == GOAWAY && frame.payload().length >= 8) {
			byte[] payload = frame.payload();
			this.goAwayError = ((payload[4] & 0xffL) << 24) | ((payload[5] & 0xffL) << 16) | ((payload[6] & 0xffL) << 8)
					| (payload[7] & 0xffL);
		}
		if (frame.type() == SETTINGS && (frame.flags() & ACK) == 0) {
			byte[] payload = frame.payload();
			for (int i = 0; i + 6 <= payload.length; i += 6) {
				int id = ((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff);
				long value = ((payload[i + 2] & 0xffL) << 24) | ((payload[i + 3] & 0xffL) << 16)
						| ((payload[i + 4] & 0xffL) << 8) | (payload[i + 5] & 0xffL);
				this.serverSettings.put(id, value);
			}
			send(frame(SETTINGS, ACK, 0, new byte[0]));
		}
		else if (frame.type() == PING && (frame.flags() & ACK) == 0) {
			send(frame(PING, ACK, 0, frame.payload()));
		}
	}

	private String readHttp11Head() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = this.in.read();
			if (b == -1) {
				break;
			}
			head.write(b);
			this.bytesReceived++;
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private synchronized void send(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		this.bytesSent += bytes.length;
	}

	/**
	 * Frame a payload.
	 * @param type the frame type
	 * @param flags the flags
	 * @param stream the stream id
	 * @param payload the payload
	 * @return the frame's bytes
	 */
	public static byte[] frame(int type, int flags, int stream, byte[] payload) {
		byte[] frame = new byte[9 + payload.length];
		frame[0] = (byte) (payload.length >>> 16);
		frame[1] = (byte) (payload.length >>> 8);
		frame[2] = (byte) payload.length;
		frame[3] = (byte) type;
		frame[4] = (byte) flags;
		frame[5] = (byte) (stream >>> 24);
		frame[6] = (byte) (stream >>> 16);
		frame[7] = (byte) (stream >>> 8);
		frame[8] = (byte) stream;
		System.arraycopy(payload, 0, frame, 9, payload.length);
		return frame;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private record Frame(int type, int flags, int stream, byte[] payload) {

	}

	/**
	 * The end of one stream.
	 *
	 * @param status the response status, {@code 0} if none came
	 * @param headers the response's header fields, pseudo-headers included, by lower-case name
	 * @param body the response body
	 * @param reset whether the server reset the stream
	 */
	public record Response(int status, Map<String, String> headers, String body, boolean reset) {

	}

}
