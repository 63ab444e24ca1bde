package io.zokio.engine.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * The application protocol ALPN chose in a TLS handshake.
 */
public enum AlpnProtocol {

	/**
	 * HTTP/2.
	 */
	H2("h2"),

	/**
	 * HTTP/3, which QUIC's TLS handshake always chooses by ALPN.
	 */
	H3("h3"),

	/**
	 * HTTP/1.1.
	 */
	HTTP_1_1("http/1.1"),

	/**
	 * No protocol: the client offered none, or the server does not negotiate.
	 */
	NONE("none");

	private final String id;

	AlpnProtocol(String id) {
		this.id = id;
	}

	/**
	 * Return the name used in reports and meter tags.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the protocol of ALPN's choice.
	 * @param protocol the choice, as {@code SslHandler.applicationProtocol()} returns it
	 * @return the protocol
	 */
	public static AlpnProtocol of(@Nullable String protocol) {
		if ("h2".equals(protocol)) {
			return H2;
		}
		if ("h3".equals(protocol)) {
			return H3;
		}
		return "http/1.1".equals(protocol) ? HTTP_1_1 : NONE;
	}

}
