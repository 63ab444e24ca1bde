package io.zokio.engine.pipeline;

/**
 * The protocol a connection speaks once its layout is known.
 */
public enum HttpProtocol {

	/**
	 * HTTP/1.1 (and 1.0): one exchange at a time on the connection.
	 */
	HTTP_1_1,

	/**
	 * HTTP/2, over TLS or cleartext: exchanges are streams of their own.
	 */
	HTTP_2,

	/**
	 * HTTP/3 over QUIC: exchanges are streams of their own, and the connection carries no bytes
	 * through the pipeline, only its streams.
	 */
	HTTP_3

}
