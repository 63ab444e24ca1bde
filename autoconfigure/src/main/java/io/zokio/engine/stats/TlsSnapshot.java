package io.zokio.engine.stats;

import java.util.Map;

import io.zokio.engine.pipeline.AlpnProtocol;
import io.zokio.engine.pipeline.TlsFailure;
import io.zokio.engine.pipeline.TlsVersion;

/**
 * TLS handshakes of a server's connections.
 *
 * @param handshakes handshakes completed
 * @param failures handshakes that failed, per class of causes (each connection is closed as
 * {@code tls})
 * @param versions completed handshakes per negotiated version
 * @param alpn completed handshakes per protocol ALPN chose
 * @param resumed completed handshakes that resumed an earlier session
 * @param handshakeMicros the summed time of completed handshakes from accept, in microseconds
 * @param latency percentiles of completed handshakes' times over the latency window
 */
public record TlsSnapshot(long handshakes, Map<TlsFailure, Long> failures, Map<TlsVersion, Long> versions,
		Map<AlpnProtocol, Long> alpn, long resumed, long handshakeMicros, LatencySnapshot latency) {

	/**
	 * Return the number of handshakes that failed, whatever the cause.
	 * @return the failed handshakes
	 */
	public long failed() {
		return this.failures.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Return the mean time of a completed handshake.
	 * @return the mean in microseconds, or {@code 0} with none
	 */
	public long meanHandshakeMicros() {
		return (this.handshakes > 0) ? this.handshakeMicros / this.handshakes : 0;
	}

}
