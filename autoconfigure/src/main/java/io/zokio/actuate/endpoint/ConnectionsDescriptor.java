package io.zokio.actuate.endpoint;

import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.StatisticsSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code connections} section of the {@link ZokioEndpoint}.
 *
 * @param active live connections
 * @param states live connections per state
 * @param accepted connections accepted since start
 * @param closed connections closed since start
 * @param closedBy closed connections per reason
 * @param averageLifetimeMs the mean lifetime of closed connections, in milliseconds
 * @param maxRequestsPerConnection the most requests served on one closed connection
 * @param max the connection limit, {@code -1} for none
 * @param rejected connections refused at the limit or during shutdown
 * @param acceptFailures failed attempts to accept a connection (file descriptors exhausted), each
 * followed by a pause in accepting
 * @param goAwaySent HTTP/2 GOAWAY frames sent, per error code ({@code no_error} on a graceful
 * close, others when Netty's HTTP/2 defences closed the connection)
 * @param draining whether the server is draining before its shutdown
 * ({@code zokio.shutdown.drain-delay}): it serves, but readiness refuses traffic
 */
public record ConnectionsDescriptor(long active, Map<String, Long> states, long accepted, long closed,
		Map<String, Long> closedBy, double averageLifetimeMs, long maxRequestsPerConnection, int max,
		long rejected, long acceptFailures, Map<String, Long> goAwaySent,
		boolean draining) implements OperationResponseBody {

	static @Nullable ConnectionsDescriptor of(@Nullable StatisticsSnapshot snapshot, int max, long acceptFailures,
			boolean draining) {
		if (snapshot == null) {
			return null;
		}
		Map<String, Long> states = Counts.byId(ConnectionState.values(), snapshot.states(), ConnectionState::id);
		Map<String, Long> closedBy = Counts.byId(CloseReason.values(), snapshot.closedBy(), CloseReason::id);
		long served = snapshot.closed() - snapshot.rejected();
		double averageLifetimeMs = (served > 0) ? Millis.of(snapshot.lifetimeMicros() / (double) served) : 0;
		return new ConnectionsDescriptor(snapshot.active(), states, snapshot.accepted(), snapshot.closed(), closedBy,
				averageLifetimeMs, snapshot.maxRequestsPerConnection(), max, snapshot.rejected(), acceptFailures,
				Counts.byId(Http2Error.values(), snapshot.goAwaySent(), (error) -> error.name().toLowerCase(Locale.ROOT)),
				draining);
	}

}
