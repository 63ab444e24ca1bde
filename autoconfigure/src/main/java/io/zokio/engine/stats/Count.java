package io.zokio.engine.stats;

/**
 * The counters of {@link ConnectionStatistics} that stand alone; the others come one per constant
 * of {@link ConnectionState}, {@link StatusClass}, and of the close reasons, refusals, GOAWAY error
 * codes, TLS failures, versions and ALPN protocols.
 */
public enum Count {

	/**
	 * Connections accepted since start, including rejected ones.
	 */
	ACCEPTED,

	/**
	 * Requests received since start.
	 */
	REQUESTS,

	/**
	 * Requests received and not yet answered.
	 */
	IN_FLIGHT,

	/**
	 * Requests that could not be decoded.
	 */
	DECODE_ERRORS,

	/**
	 * Bytes read from sockets.
	 */
	BYTES_READ,

	/**
	 * Bytes written to sockets.
	 */
	BYTES_WRITTEN,

	/**
	 * The summed lifetime of closed connections, in microseconds.
	 */
	LIFETIME_MICROS,

	/**
	 * Streams since start.
	 */
	STREAMS,

	/**
	 * Event streams and upgraded connections open now.
	 */
	STREAMS_ACTIVE,

	/**
	 * The summed duration of ended streams, in microseconds.
	 */
	STREAM_MICROS,

	/**
	 * TLS handshakes that completed.
	 */
	TLS_HANDSHAKES,

	/**
	 * Completed TLS handshakes that resumed an earlier session.
	 */
	TLS_RESUMED,

	/**
	 * The summed time of completed TLS handshakes from accept, in microseconds.
	 */
	TLS_HANDSHAKE_MICROS

}
