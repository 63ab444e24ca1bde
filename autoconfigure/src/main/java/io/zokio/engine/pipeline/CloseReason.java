package io.zokio.engine.pipeline;

/**
 * Why a connection was closed.
 */
public enum CloseReason {

	/**
	 * The client closed it.
	 */
	CLIENT("client"),

	/**
	 * The server closed it at the end of an exchange ({@code Connection: close}, keep-alive limit).
	 */
	SERVER("server"),

	/**
	 * It stayed idle longer than the idle timeout.
	 */
	IDLE_TIMEOUT("idleTimeout"),

	/**
	 * A request (headers or body, or an HTTP/2 frame) or a response write took longer than its
	 * timeout.
	 */
	REQUEST_TIMEOUT("requestTimeout"),

	/**
	 * The client took the responses the server had ready slower than the minimum response rate.
	 */
	RESPONSE_RATE("responseRate"),

	/**
	 * An I/O or protocol error.
	 */
	ERROR("error"),

	/**
	 * The TLS handshake failed or did not finish.
	 */
	TLS("tls"),

	/**
	 * Refused at accept: the server was at its connection limit.
	 */
	REJECTED("rejected"),

	/**
	 * Closed by the server's shutdown.
	 */
	SHUTDOWN("shutdown"),

	/**
	 * The PROXY protocol header was malformed, missing where one is required, or did not arrive
	 * within the request header timeout.
	 */
	PROXY_PROTOCOL("proxyProtocol");

	private final String id;

	CloseReason(String id) {
		this.id = id;
	}

	/**
	 * Return the name used in reports and meter tags.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

}
