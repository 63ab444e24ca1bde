package io.zokio.engine.stats;

/**
 * The times {@link ConnectionStatistics} hand to observers, in nanoseconds.
 */
public enum Timing {

	/**
	 * A request's latency, from its first byte read to its response's last byte written. Streams
	 * are not requests in this sense and are left out.
	 */
	LATENCY,

	/**
	 * The time from a request's first byte read to its final response's head being written: the
	 * server's time to answer, streams included.
	 */
	HEAD,

	/**
	 * A stream's duration, from its request's first byte read to its last byte written or its
	 * connection closed.
	 */
	STREAM,

	/**
	 * A completed TLS handshake's time from accept.
	 */
	HANDSHAKE

}
