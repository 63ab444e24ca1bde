package io.zokio.actuate.endpoint;

import java.time.Duration;
import java.util.Map;

import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.stats.LatencySnapshot;
import io.zokio.engine.stats.StatisticsSnapshot;
import io.zokio.engine.stats.StatusClass;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code requests} section of the {@link ZokioEndpoint}.
 *
 * @param total requests received since start
 * @param inFlight requests received and not yet answered
 * @param decodeErrors requests that could not be decoded
 * @param bytesRead bytes read from sockets
 * @param bytesWritten bytes written to sockets
 * @param responses responses per status class
 * @param refused requests the server answered itself (and closed, all but {@code concurrencyLimit}), per reason
 * @param latency latency percentiles over the sliding window, and since start, streams left out
 * @param head percentiles of the time to the response head, streams included
 * @param streams the streams, which latency leaves out
 */
public record RequestsDescriptor(long total, long inFlight, long decodeErrors, long bytesRead, long bytesWritten,
		Map<String, Long> responses, Map<String, Long> refused, LatencyDescriptor latency, LatencyDescriptor head,
		StreamsDescriptor streams) implements OperationResponseBody {

	static @Nullable RequestsDescriptor of(@Nullable StatisticsSnapshot snapshot) {
		if (snapshot == null) {
			return null;
		}
		return new RequestsDescriptor(snapshot.requests(), snapshot.inFlight(), snapshot.decodeErrors(),
				snapshot.bytesRead(), snapshot.bytesWritten(),
				Counts.byId(StatusClass.values(), snapshot.responses(), StatusClass::id),
				Counts.byId(Refusal.values(), snapshot.refused(), Refusal::id),
				LatencyDescriptor.of(snapshot.latencyWindow(), snapshot.latency(), snapshot.latencySinceStart()),
				LatencyDescriptor.of(snapshot.latencyWindow(), snapshot.head(), snapshot.headSinceStart()),
				new StreamsDescriptor(snapshot.streams().count(), snapshot.streams().active(),
						snapshot.streams().durationMicros() / 1_000_000.0));
	}

	/**
	 * The streams: server-sent events and upgrades (WebSocket) from their response head on, and
	 * responses of unknown length written for longer than {@code zokio.stats.stream-threshold}.
	 *
	 * @param count streams since start
	 * @param active event streams and upgraded connections open now
	 * @param durationSeconds the summed duration of the streams that ended
	 */
	public record StreamsDescriptor(long count, long active, double durationSeconds) {

	}

	/**
	 * Percentiles over the sliding window of a time from the first request byte read: to the last
	 * response byte written (latency) or to the final response's head.
	 *
	 * @param unit the unit of the figures, {@code ms}
	 * @param window the length of the window
	 * @param count requests measured in the window
	 * @param p50 the median
	 * @param p90 the 90th percentile
	 * @param p99 the 99th percentile
	 * @param p999 the 99.9th percentile
	 * @param max the largest latency in the window
	 * @param sinceStart the same figures since start
	 */
	public record LatencyDescriptor(String unit, Duration window, long count, double p50, double p90, double p99,
			double p999, double max, Percentiles sinceStart) {

		static LatencyDescriptor of(Duration window, LatencySnapshot latency, LatencySnapshot sinceStart) {
			return new LatencyDescriptor("ms", window, latency.count(), Millis.of(latency.p50()),
					Millis.of(latency.p90()), Millis.of(latency.p99()), Millis.of(latency.p999()),
					Millis.of(latency.max()), Percentiles.of(sinceStart));
		}

	}

	/**
	 * Latency percentiles in milliseconds.
	 *
	 * @param count requests measured
	 * @param p50 the median
	 * @param p90 the 90th percentile
	 * @param p99 the 99th percentile
	 * @param p999 the 99.9th percentile
	 * @param max the largest latency
	 */
	public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

		static Percentiles of(LatencySnapshot latency) {
			return new Percentiles(latency.count(), Millis.of(latency.p50()), Millis.of(latency.p90()),
					Millis.of(latency.p99()), Millis.of(latency.p999()), Millis.of(latency.max()));
		}

	}

}
