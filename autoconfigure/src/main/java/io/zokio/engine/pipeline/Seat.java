package io.zokio.engine.pipeline;

import io.netty.handler.codec.http2.Http2Error;

/**
 * The connection as a listener may act on it: the one way a capability closes a connection, so
 * that every listener hears why. The first reason given wins.
 */
public interface Seat {

	/**
	 * Close the connection through the whole pipeline: the protocol codecs end it their way (an
	 * HTTP/2 codec sends GOAWAY).
	 * @param reason why
	 */
	void close(CloseReason reason);

	/**
	 * Close the connection at once, below the protocol codecs, which get no chance to write.
	 * @param reason why
	 */
	void cut(CloseReason reason);

	/**
	 * Reset the connection: close it at once, below every codec including TLS, and have the
	 * kernel drop what it still holds for the client (TCP RST) rather than wait for a client that
	 * does not read to take it.
	 * @param reason why
	 */
	void abort(CloseReason reason);

	/**
	 * Tell an HTTP/2 client to stop with a GOAWAY carrying the given error, once the read being
	 * handled has reached the codecs, then cut the connection
	 * as {@link CloseReason#ERROR}; on a connection that does not speak HTTP/2, or whose codec already
	 * sent a GOAWAY, cut it.
	 * @param error the error code
	 */
	void goAway(Http2Error error);

	/**
	 * Say why the server will close the connection without closing it now: after the response it
	 * is writing ({@code Connection: close}), or when the GOAWAY of a graceful shutdown completes.
	 * @param reason why
	 */
	void willClose(CloseReason reason);

	/**
	 * Return how many bytes of responses wait to be written to the client.
	 * @return the bytes
	 */
	long pendingWriteBytes();

}
