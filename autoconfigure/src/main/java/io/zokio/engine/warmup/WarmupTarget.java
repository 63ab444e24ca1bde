package io.zokio.engine.warmup;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The server a warm-up sends to, and what it speaks.
 *
 * @param address the server's address on this host: loopback unless it listens on one address only
 * @param tls whether the server has TLS
 * @param http2 whether the server has HTTP/2 on: {@code h2} with TLS, {@code h2c} without
 * @param proxyProtocol whether every connection must start with a PROXY protocol header
 */
public record WarmupTarget(InetSocketAddress address, boolean tls, boolean http2, boolean proxyProtocol) {

	/**
	 * Return the protocols the warm-up speaks: each the server takes.
	 * @return {@code HTTP/1.1}, and {@code h2} or {@code h2c} when the server has HTTP/2 on
	 */
	public List<String> protocols() {
		if (!this.http2) {
			return List.of("HTTP/1.1");
		}
		return List.of("HTTP/1.1", this.tls ? "h2" : "h2c");
	}

}
