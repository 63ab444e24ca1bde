package io.zokio.engine.pipeline;

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
