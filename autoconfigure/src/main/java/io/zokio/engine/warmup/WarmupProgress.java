package io.zokio.engine.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The warm-up's latency, window by window, and the rule that ends it. A window closes once it holds
 * {@value #WINDOW} answers and has lasted {@value #MIN_WINDOW_MILLIS} ms. Latency has
 * <em>settled</em> once at least {@value #MIN_WINDOWS} windows closed and, over the last
 * {@value #SETTLED_WINDOWS}: the JIT compiled for at most {@value #COMPILATION_SHARE} of their time
 * (the compilations that slow the first requests are over; on a JVM that does not time its
 * compilations this part holds), and the 99th percentile of each is within {@value #TOLERANCE}
 * times the lowest of any window so far.
 */
final class WarmupProgress {

	static final int WINDOW = 500;

	static final long MIN_WINDOW_MILLIS = 250;

	static final int MIN_WINDOWS = 10;

	static final int SETTLED_WINDOWS = 3;

	static final double TOLERANCE = 1.5;

	static final double COMPILATION_SHARE = 0.05;

	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

	private final LongSupplier nanoTime;

	private final @Nullable LongSupplier compilationMillis;

	private final Histogram window = new Histogram(HIGHEST_MICROS, 2);

	private final long[] recentP99 = new long[SETTLED_WINDOWS];

	private final long[] recentNanos = new long[SETTLED_WINDOWS];

	private final long[] recentCompilationMillis = new long[SETTLED_WINDOWS];

	private long windowStartNanos;

	private long windowStartCompilationMillis;

	private long lowestP99 = Long.MAX_VALUE;

	private int windows;

	private long requests;

	private WarmupState state = WarmupState.RUNNING;

	private WarmupReport.@Nullable Window first;

	private WarmupReport.@Nullable Window last;

	private @Nullable String failure;

	/**
	 * Start following a warm-up.
	 * @param nanoTime the clock windows are timed by
	 * @param compilationMillis the JVM's total compilation time so far, {@code null} when it has none
	 */
	WarmupProgress(LongSupplier nanoTime, @Nullable LongSupplier compilationMillis) {
		this.nanoTime = nanoTime;
		this.compilationMillis = compilationMillis;
		start();
	}

	/**
	 * Open the first window now.
	 */
	synchronized void start() {
		this.windowStartNanos = this.nanoTime.getAsLong();
		this.windowStartCompilationMillis = compilationMillis();
	}

	/**
	 * Follow a warm-up by the JVM's own clock and compilation time.
	 * @return the progress
	 */
	static WarmupProgress ofJvm() {
		CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
		boolean timed = compilation != null && compilation.isCompilationTimeMonitoringSupported();
		return new WarmupProgress(System::nanoTime, timed ? compilation::getTotalCompilationTime : null);
	}

	private long compilationMillis() {
		return (this.compilationMillis != null) ? this.compilationMillis.getAsLong() : 0;
	}

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
		if (this.window.getTotalCount() >= WINDOW) {
			long now = this.nanoTime.getAsLong();
			if (now - this.windowStartNanos >= TimeUnit.MILLISECONDS.toNanos(MIN_WINDOW_MILLIS)) {
				closeWindow(now);
			}
		}
		return this.state == WarmupState.RUNNING;
	}

	private void closeWindow(long now) {
		WarmupReport.Window closed = new WarmupReport.Window(this.window.getTotalCount(),
				this.window.getValueAtPercentile(50), this.window.getValueAtPercentile(90),
				this.window.getValueAtPercentile(99), this.window.getMaxValue());
		this.window.reset();
		if (this.first == null) {
			this.first = closed;
		}
		this.last = closed;
		long compiled = compilationMillis();
		int slot = this.windows % SETTLED_WINDOWS;
		this.recentP99[slot] = closed.p99Micros();
		this.recentNanos[slot] = now - this.windowStartNanos;
		this.recentCompilationMillis[slot] = compiled - this.windowStartCompilationMillis;
		this.windowStartNanos = now;
		this.windowStartCompilationMillis = compiled;
		this.lowestP99 = Math.min(this.lowestP99, closed.p99Micros());
		this.windows++;
		if (this.windows >= MIN_WINDOWS && compilationQuiet() && tailSettled()) {
			this.state = WarmupState.SETTLED;
		}
	}

	private boolean compilationQuiet() {
		long nanos = 0;
		long compiling = 0;
		for (int i = 0; i < SETTLED_WINDOWS; i++) {
			nanos += this.recentNanos[i];
			compiling += this.recentCompilationMillis[i];
		}
		return TimeUnit.MILLISECONDS.toNanos(compiling) <= nanos * COMPILATION_SHARE;
	}

	private boolean tailSettled() {
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
