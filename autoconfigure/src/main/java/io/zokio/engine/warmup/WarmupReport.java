package io.zokio.engine.warmup;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a warm-up did: counted apart from the server's statistics, which never see its traffic.
 *
 * @param state where it stands
 * @param protocols the protocols it spoke ({@code HTTP/1.1}, {@code h2c}, {@code h2})
 * @param requests the requests answered
 * @param elapsed the time since it started, or that it took once ended
 * @param firstWindow the latency of its first window of requests, {@code null} before one completed
 * @param lastWindow the latency of its last complete window, {@code null} before one completed
 * @param failure why it failed or was cut short, {@code null} when it did not
 */
public record WarmupReport(WarmupState state, List<String> protocols, long requests, Duration elapsed,
		@Nullable Window firstWindow, @Nullable Window lastWindow, @Nullable String failure) {

	/**
	 * Create a report, keeping a copy of the protocols.
	 * @param state where it stands
	 * @param protocols the protocols
	 * @param requests the requests answered
	 * @param elapsed the time it took
	 * @param firstWindow the first window's latency
	 * @param lastWindow the last window's latency
	 * @param failure why it failed
	 */
	public WarmupReport {
		protocols = List.copyOf(protocols);
	}

	/**
	 * The latency of a window of consecutive warm-up requests, measured by the warm-up's client from
	 * sending a request to reading all of its answer.
	 *
	 * @param requests the requests in the window
	 * @param p50Micros the median
	 * @param p90Micros the 90th percentile
	 * @param p99Micros the 99th percentile
	 * @param maxMicros the slowest
	 */
	public record Window(long requests, long p50Micros, long p90Micros, long p99Micros, long maxMicros) {

	}

}
