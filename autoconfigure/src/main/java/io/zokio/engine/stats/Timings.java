package io.zokio.engine.stats;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The times of {@link ConnectionStatistics}: a recorder of percentiles for each {@link Timing} that
 * the endpoint reports (streams are summed, not recorded), and the observers handed every time.
 */
final class Timings {

	private final LatencyRecorder latency;

	private final LatencyRecorder head;

	private final LatencyRecorder handshake;

	private final LatencyObservers[] observers = new LatencyObservers[Timing.values().length];

	Timings(Duration window, long nowNanos) {
		this.latency = new LatencyRecorder(window, nowNanos);
		this.head = new LatencyRecorder(window, nowNanos);
		this.handshake = LatencyRecorder.compact(window, nowNanos);
		for (int i = 0; i < this.observers.length; i++) {
			this.observers[i] = new LatencyObservers();
		}
	}

	void record(Timing timing, long nanos, long nowNanos) {
		LatencyRecorder recorder = switch (timing) {
			case LATENCY -> this.latency;
			case HEAD -> this.head;
			case HANDSHAKE -> this.handshake;
			case STREAM -> null;
		};
		if (recorder != null) {
			recorder.record(nanos / 1000, nowNanos);
		}
		this.observers[timing.ordinal()].accept(nanos);
	}

	void observe(Timing timing, LongConsumer observer) {
		this.observers[timing.ordinal()].add(observer);
	}

	void stopObserving(Timing timing, LongConsumer observer) {
		this.observers[timing.ordinal()].remove(observer);
	}

	LatencyRecorder latency() {
		return this.latency;
	}

	LatencyRecorder head() {
		return this.head;
	}

	LatencyRecorder handshake() {
		return this.handshake;
	}

	long estimatedFootprintBytes() {
		return this.latency.estimatedFootprintBytes() + this.head.estimatedFootprintBytes()
				+ this.handshake.estimatedFootprintBytes();
	}

}
