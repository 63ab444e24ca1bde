package io.zokio.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The protocol layouts Reactor Netty builds for a server, each with the server arguments that
 * select it and a client socket that lands on it.
 */
public enum Layout {

	/**
	 * HTTP/1.1 in cleartext.
	 */
	HTTP_1_1(false, false, false, null),

	/**
	 * HTTP/1.1 over TLS.
	 */
	HTTP_1_1_TLS(true, false, false, null),

	/**
	 * HTTP/1.1 on a cleartext server with h2c on.
	 */
	HTTP_1_1_H2C_SERVER(false, true, false, null),

	/**
	 * HTTP/1.1 over TLS on a server with HTTP/2 on, chosen by ALPN.
	 */
	HTTP_1_1_ALPN(true, true, false, "http/1.1"),

	/**
	 * HTTP/2 over TLS, chosen by ALPN.
	 */
	H2_ALPN(true, true, true, "h2"),

	/**
	 * HTTP/2 in cleartext with prior knowledge.
	 */
	H2C_PRIOR_KNOWLEDGE(false, true, true, null),

	/**
	 * HTTP/2 in cleartext after {@code Upgrade: h2c}.
	 */
	H2C_UPGRADE(false, true, true, null);

	private static final String KEY_STORE = "zokio-test.p12";

	private static final char[] PASSWORD = "changeit".toCharArray();

	private final boolean tls;

	private final boolean http2Server;

	private final boolean http2;

	private final String alpn;

	Layout(boolean tls, boolean http2Server, boolean http2, String alpn) {
		this.tls = tls;
		this.http2Server = http2Server;
		this.http2 = http2;
		this.alpn = alpn;
	}

	public boolean tls() {
		return this.tls;
	}

	/**
	 * Return whether exchanges on this layout are HTTP/2 streams.
	 * @return whether the client speaks HTTP/2
	 */
	public boolean http2() {
		return this.http2;
	}

	/**
	 * Return whether the server has h2c on, so that a cleartext {@code PRI} line starts HTTP/2.
	 * @return whether the server takes cleartext HTTP/2
	 */
	public boolean h2cServer() {
		return this.http2Server && !this.tls;
	}

	/**
	 * Return the server arguments of this layout.
	 * @return the arguments
	 */
	public List<String> serverArgs() {
		List<String> args = new ArrayList<>();
		if (this.tls) {
			args.add("--server.ssl.key-store=classpath:" + KEY_STORE);
			args.add("--server.ssl.key-store-password=changeit");
			args.add("--server.ssl.key-store-type=PKCS12");
			args.add("--management.server.ssl.enabled=false");
		}
		args.add("--server.http2.enabled=" + this.http2Server);
		return args;
	}

	/**
	 * Open a connected socket to the server, its TLS handshake done when the layout has TLS.
	 * @param port the server's port
	 * @return the socket
	 * @throws IOException on I/O failure
	 */
	public Socket connect(int port) throws IOException {
		return connect(port, new byte[0]);
	}

	/**
	 * Open a connected socket to the server that first sends some bytes in the clear, as a PROXY
	 * protocol header comes before the TLS handshake, then does the handshake when the layout has TLS.
	 * @param port the server's port
	 * @param preface the bytes to send first
	 * @return the socket
	 * @throws IOException on I/O failure
	 */
	public Socket connect(int port, byte[] preface) throws IOException {
		return connect(port, preface, sslContext());
	}

	/**
	 * Open a connected socket to the server, its TLS handshake done with the given client context
	 * when the layout has TLS, so that a second connection with the same context can resume the
	 * session of the first.
	 * @param port the server's port
	 * @param client the client's TLS context
	 * @return the socket
	 * @throws IOException on I/O failure
	 */
	public Socket connect(int port, SSLContext client) throws IOException {
		return connect(port, new byte[0], client);
	}

	private Socket connect(int port, byte[] preface, SSLContext client) throws IOException {
		Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
		plain.getOutputStream().write(preface);
		plain.getOutputStream().flush();
		if (!this.tls) {
			return plain;
		}
		SSLSocket socket = (SSLSocket) client.getSocketFactory()
			.createSocket(plain, InetAddress.getLoopbackAddress().getHostAddress(), port, true);
		if (this.alpn != null) {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setApplicationProtocols(new String[] { this.alpn });
			socket.setSSLParameters(parameters);
		}
		socket.startHandshake();
		return socket;
	}

	/**
	 * Return an SSL context that trusts the test server's certificate.
	 * @return the context
	 */
	public static SSLContext sslContext() {
		try (InputStream in = Layout.class.getResourceAsStream("/" + KEY_STORE)) {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(in, PASSWORD);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not load the test key store", ex);
		}
	}

}
