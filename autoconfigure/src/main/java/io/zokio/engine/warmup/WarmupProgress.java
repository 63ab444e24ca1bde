package io.zokio.engine.warmup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The warm-up's latency, window by window, and the rule that ends it. Latency has <em>settled</em>
 * once at least {@value #MIN_WINDOWS} windows of {@value #WINDOW} requests were answered and the
 * 99th percentile of each of the last {@value #SETTLED_WINDOWS} is within {@value #TOLERANCE} times
 * the lowest 99th percentile of any window so far: the compilations that make the tail have
 * stopped moving it.
 */
final class WarmupProgress {

	static final int WINDOW = 500;

	static final int MIN_WINDOWS = 10;

	static final int SETTLED_WINDOWS = 3;

	static final double TOLERANCE = 1.25;

	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

	private final Histogram window = new Histogram(HIGHEST_MICROS, 2);

	private final long[] recentP99 = new long[SETTLED_WINDOWS];

	private long lowestP99 = Long.MAX_VALUE;

	private int windows;

	private long requests;

	private WarmupState state = WarmupState.RUNNING;

	private WarmupReport.@Nullable Window first;

	private WarmupReport.@Nullable Window last;

	private @Nullable String failure;

	/**
	 * Record an answered request.
	 * @param nanos the time from sending it to reading all of its answer
	 * @return whether the warm-up is still running
	 */
	synchronized boolean answered(long nanos) {
		if (this.state != WarmupState.RUNNING) {
			return false;
		}
		this.requests++;
		this.window.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos))));
		if (this.window.getTotalCount() == WINDOW) {
			closeWindow();
		}
		return this.state == WarmupState.RUNNING;
	}

	private void closeWindow() {
		WarmupReport.Window closed = new WarmupReport.Window(this.window.getTotalCount(),
				this.window.getValueAtPercentile(50), this.window.getValueAtPercentile(90),
				this.window.getValueAtPercentile(99), this.window.getMaxValue());
		this.window.reset();
		if (this.first == null) {
			this.first = closed;
		}
		this.last = closed;
		this.recentP99[this.windows % SETTLED_WINDOWS] = closed.p99Micros();
		this.lowestP99 = Math.min(this.lowestP99, closed.p99Micros());
		this.windows++;
		if (this.windows >= MIN_WINDOWS && recentWithinTolerance()) {
			this.state = WarmupState.SETTLED;
		}
	}

	private boolean recentWithinTolerance() {
		for (long p99 : this.recentP99) {
			if (p99 > this.lowestP99 * TOLERANCE) {
				return false;
			}
		}
		return true;
	}

	/**
	 * End the warm-up as failed, unless it already ended.
	 * @param reason why
	 */
	synchronized void fail(String reason) {
		end(WarmupState.FAILED, reason);
	}

	/**
	 * End the warm-up, unless it already ended.
	 * @param state how it ended
	 * @param reason why, {@code null} when it ended as it should
	 */
	synchronized void end(WarmupState state, @Nullable String reason) {
		if (this.state == WarmupState.RUNNING) {
			this.state = state;
			this.failure = reason;
		}
	}

	synchronized boolean isRunning() {
		return this.state == WarmupState.RUNNING;
	}

	synchronized long requests() {
		return this.requests;
	}

	synchronized WarmupReport report(List<String> protocols, Duration elapsed) {
		return new WarmupReport(this.state, protocols, this.requests, elapsed, this.first, this.last, this.failure);
	}

}
