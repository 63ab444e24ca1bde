package io.zokio.engine.stats;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Latencies in microseconds, over a sliding window and since start. Recording is wait-free and
 * allocation-free (HdrHistogram's {@link Recorder}); the window is a ring of slices rotated by
 * whichever thread first sees a slice end, never blocking a recording thread. A {@link #compact}
 * recorder keeps packed histograms, whose memory follows the values recorded rather than the range:
 * for rarer events whose values cluster, such as TLS handshakes.
 */
final class LatencyRecorder {

	static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.SECONDS.toMicros(60);

	static final int SIGNIFICANT_DIGITS = 2;

	private static final int SLICES = 6;

	private final Recorder recorder;

	private final AbstractHistogram[] slices = new AbstractHistogram[SLICES];

	private final Histogram sinceStart;

	private final AbstractHistogram window;

	private final ReentrantLock lock = new ReentrantLock();

	private final Duration windowLength;

	private final long sliceNanos;

	private volatile long sliceEndNanos;

	private @Nullable Histogram interval;

	private int current;

	LatencyRecorder(Duration windowLength, long nowNanos) {
		this(windowLength, nowNanos, false);
	}

	private LatencyRecorder(Duration windowLength, long nowNanos, boolean packed) {
		this.windowLength = windowLength;
		this.sliceNanos = Math.max(1, windowLength.toNanos() / SLICES);
		this.recorder = packed ? new Recorder(SIGNIFICANT_DIGITS, true)
				: new Recorder(1, HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
		this.sinceStart = packed ? new PackedHistogram(1, HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS)
				: new Histogram(1, HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
		this.window = slice(packed);
		for (int i = 0; i < SLICES; i++) {
			this.slices[i] = slice(packed);
		}
		this.sliceEndNanos = nowNanos + this.sliceNanos;
	}

	/**
	 * Create a recorder of packed histograms.
	 * @param windowLength the length of the sliding window
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the recorder
	 */
	static LatencyRecorder compact(Duration windowLength, long nowNanos) {
		return new LatencyRecorder(windowLength, nowNanos, true);
	}

	private static AbstractHistogram slice(boolean packed) {
		return packed ? new PackedHistogram(1, HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS)
				: new IntCountsHistogram(1, HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
	}

	void record(long micros, long nowNanos) {
		if (nowNanos - this.sliceEndNanos >= 0 && this.lock.tryLock()) {
			try {
				rotate(nowNanos);
			}
			finally {
				this.lock.unlock();
			}
		}
		this.recorder.recordValue(Math.min(Math.max(micros, 1), HIGHEST_TRACKABLE_MICROS));
	}

	LatencySnapshot snapshotWindow(long nowNanos) {
		this.lock.lock();
		try {
			rotate(nowNanos);
			drain();
			this.window.reset();
			for (AbstractHistogram slice : this.slices) {
				this.window.add(slice);
			}
			return LatencySnapshot.of(this.window);
		}
		finally {
			this.lock.unlock();
		}
	}

	LatencySnapshot snapshotSinceStart(long nowNanos) {
		this.lock.lock();
		try {
			rotate(nowNanos);
			drain();
			return LatencySnapshot.of(this.sinceStart);
		}
		finally {
			this.lock.unlock();
		}
	}

	long estimatedFootprintBytes() {
		long histogram = this.sinceStart.getEstimatedFootprintInBytes();
		long recorderHistograms = 3 * histogram;
		return recorderHistograms + histogram + SLICES * this.slices[0].getEstimatedFootprintInBytes()
				+ this.window.getEstimatedFootprintInBytes();
	}

	Duration windowLength() {
		return this.windowLength;
	}

	private void rotate(long nowNanos) {
		long sliceEnd = this.sliceEndNanos;
		if (nowNanos - sliceEnd < 0) {
			return;
		}
		drain();
		long slicesPassed = (nowNanos - sliceEnd) / this.sliceNanos + 1;
		for (long i = 0; i < Math.min(slicesPassed, SLICES); i++) {
			this.current = (this.current + 1) % SLICES;
			this.slices[this.current].reset();
		}
		this.sliceEndNanos = sliceEnd + slicesPassed * this.sliceNanos;
	}

	private void drain() {
		this.interval = this.recorder.getIntervalHistogram(this.interval);
		if (this.interval.getTotalCount() > 0) {
			this.slices[this.current].add(this.interval);
			this.sinceStart.add(this.interval);
		}
	}

}
