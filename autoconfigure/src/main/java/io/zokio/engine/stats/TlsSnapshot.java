package io.zokio.engine.stats;

/**
 * TLS handshakes of a server's connections.
 *
 * @param handshakes handshakes completed
 * @param failures handshakes that failed (the connection is closed as {@code tls})
 * @param handshakeMicros the summed time of completed handshakes from accept, in microseconds
 */
public record TlsSnapshot(long handshakes, long failures, long handshakeMicros) {

	/**
	 * Return the mean time of a completed handshake.
	 * @return the mean in microseconds, or {@code 0} with none
	 */
	public long meanHandshakeMicros() {
		return (this.handshakes > 0) ? this.handshakeMicros / this.handshakes : 0;
	}

}
