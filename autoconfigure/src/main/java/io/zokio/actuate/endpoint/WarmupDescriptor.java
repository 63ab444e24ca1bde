package io.zokio.actuate.endpoint;

import java.util.List;
import java.util.Locale;

import io.zokio.engine.warmup.Warmup;
import io.zokio.engine.warmup.WarmupReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code warmup} section of the {@link ZokioEndpoint}: what the warm-up did before the server
 * reported ready, counted apart from the connections and requests sections, which never see it.
 *
 * @param state {@code running}, {@code settled}, {@code request-limit}, {@code time-limit},
 * {@code failed} or {@code cancelled}
 * @param protocols the protocols it spoke
 * @param requests the requests answered
 * @param durationMillis the time it took, or has taken so far
 * @param firstWindow the latency of its first window of requests, {@code null} before one completed
 * @param lastWindow the latency of its last complete window, {@code null} before one completed
 * @param failure why it failed or was cut short, {@code null} when it did not
 */
public record WarmupDescriptor(String state, List<String> protocols, long requests, long durationMillis,
		@Nullable Window firstWindow, @Nullable Window lastWindow, @Nullable String failure)
		implements OperationResponseBody {

	static @Nullable WarmupDescriptor of(@Nullable Warmup warmup) {
		WarmupReport report = (warmup != null) ? warmup.report() : null;
		if (report == null) {
			return null;
		}
		return new WarmupDescriptor(report.state().name().toLowerCase(Locale.ROOT).replace('_', '-'),
				report.protocols(), report.requests(), report.elapsed().toMillis(), Window.of(report.firstWindow()),
				Window.of(report.lastWindow()), report.failure());
	}

	/**
	 * The latency of a window of consecutive warm-up requests, as the warm-up's client measured it.
	 *
	 * @param requests the requests in the window
	 * @param p50 the median, in milliseconds
	 * @param p90 the 90th percentile, in milliseconds
	 * @param p99 the 99th percentile, in milliseconds
	 * @param max the slowest, in milliseconds
	 */
	public record Window(long requests, double p50, double p90, double p99, double max) {

		static @Nullable Window of(WarmupReport.@Nullable Window window) {
			if (window == null) {
				return null;
			}
			return new Window(window.requests(), Millis.of(window.p50Micros()), Millis.of(window.p90Micros()),
					Millis.of(window.p99Micros()), Millis.of(window.maxMicros()));
		}

	}

}
