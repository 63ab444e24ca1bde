package io.zokio.engine.stats;

import java.time.Duration;
import java.util.Map;

import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;

/**
 * A snapshot of {@link ConnectionStatistics}.
 *
 * @param accepted connections accepted since start, including rejected ones
 * @param states live connections per state
 * @param closedBy closed connections per reason
 * @param requests requests received since start
 * @param inFlight requests received and not yet answered
 * @param decodeErrors requests that could not be decoded
 * @param bytesRead bytes read from sockets
 * @param bytesWritten bytes written to sockets
 * @param responses responses per status class
 * @param lifetimeMicros the summed lifetime of closed connections, in microseconds
 * @param maxRequestsPerConnection the most requests served on one closed connection
 * @param latencyWindow the length of the latency window
 * @param latency latency over the window, streams left out
 * @param latencySinceStart latency since start, streams left out
 * @param refused requests the server answered itself, per reason
 * @param tls TLS handshakes
 * @param goAwaySent HTTP/2 GOAWAY frames sent, per error code
 * @param head time to the response head over the latency window, streams included
 * @param headSinceStart time to the response head since start
 * @param streams the streams, which latency leaves out
 */
public record StatisticsSnapshot(long accepted, Map<ConnectionState, Long> states, Map<CloseReason, Long> closedBy,
		long requests, long inFlight, long decodeErrors, long bytesRead, long bytesWritten,
		Map<StatusClass, Long> responses, long lifetimeMicros, long maxRequestsPerConnection, Duration latencyWindow,
		LatencySnapshot latency, LatencySnapshot latencySinceStart, Map<Refusal, Long> refused, TlsSnapshot tls,
		Map<Http2Error, Long> goAwaySent, LatencySnapshot head, LatencySnapshot headSinceStart,
		StreamsSnapshot streams) {

	/**
	 * Return the number of live connections.
	 * @return the live connections
	 */
	public long active() {
		return this.states.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Return the number of closed connections, including rejected ones.
	 * @return the closed connections
	 */
	public long closed() {
		return this.closedBy.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Return the number of connections refused at accept.
	 * @return the rejected connections
	 */
	public long rejected() {
		return this.closedBy.getOrDefault(CloseReason.REJECTED, 0L);
	}

}
