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
 * @param latency latency percentiles over the sliding window, and since start
 */
public record RequestsDescriptor(long total, long inFlight, long decodeErrors, long bytesRead, long bytesWritten,
		Map<String, Long> responses, Map<String, Long> refused, LatencyDescriptor latency)
		implements OperationResponseBody {

	static @Nullable RequestsDescriptor of(@Nullable StatisticsSnapshot snapshot) {
		if (snapshot == null) {
			return null;
		}
		return new RequestsDescriptor(snapshot.requests(), snapshot.inFlight(), snapshot.decodeErrors(),
				snapshot.bytesRead(), snapshot.bytesWritten(),
				Counts.byId(StatusClass.values(), snapshot.responses(), StatusClass::id),
				Counts.byId(Refusal.values(), snapshot.refused(), Refusal::id),
				LatencyDescriptor.of(snapshot.latencyWindow(), snapshot.latency(), snapshot.latencySinceStart()));
	}

	/**
	 * Latency percentiles over the sliding window, from the first request byte read to the last
	 * response byte written.
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
