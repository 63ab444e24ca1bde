package io.zokio.engine.stats;

import io.zokio.engine.pipeline.ResponseKind;

/**
 * The clock of one exchange at a time, from its request's first byte read: the time to its final
 * response's head, recorded for every exchange, then either its latency or, for a stream, its
 * duration. An event stream or an upgrade is a stream from its head on; a response of unknown length
 * is one when it has been written for longer than the stream threshold.
 */
final class ExchangeTiming {

	private final ConnectionStatistics statistics;

	private final Counters.Shard counters;

	private long startNanos;

	private long headNanos;

	private ResponseKind kind = ResponseKind.SIZED;

	ExchangeTiming(ConnectionStatistics statistics, Counters.Shard counters) {
		this.statistics = statistics;
		this.counters = counters;
	}

	void start(long nowNanos) {
		this.startNanos = nowNanos;
		this.headNanos = 0;
		this.kind = ResponseKind.SIZED;
	}

	void reset() {
		start(0);
	}

	boolean isStarted() {
		return this.startNanos != 0;
	}

	long startNanos() {
		return this.startNanos;
	}

	/**
	 * Return whether the exchange is a stream open until its connection closes.
	 * @return whether its response is an upgrade
	 */
	boolean isUpgrade() {
		return this.kind == ResponseKind.UPGRADE;
	}

	void head(ResponseKind kind, long nowNanos) {
		if (this.startNanos == 0 || this.headNanos != 0) {
			return;
		}
		this.kind = kind;
		this.headNanos = nowNanos;
		this.statistics.responseHead(nowNanos - this.startNanos, nowNanos);
		if (kind.isStream()) {
			this.statistics.streamStarted(this.counters);
		}
	}

	/**
	 * Record the exchange's end: its response's last byte written.
	 * @param nowNanos the time
	 */
	void end(long nowNanos) {
		long duration = nowNanos - this.startNanos;
		if (this.kind.isStream()) {
			this.statistics.streamEnded(this.counters, duration, nowNanos, true, true);
		}
		else if (this.kind == ResponseKind.OPEN && nowNanos - this.headNanos > this.statistics.streamThresholdNanos()) {
			this.statistics.streamEnded(this.counters, duration, nowNanos, false, true);
		}
		else {
			this.statistics.requestCompleted(this.counters, duration, nowNanos);
		}
		reset();
	}

	/**
	 * Record that the exchange ended without its response written whole: its connection closed or
	 * its stream reset. Its request is counted off by the caller; a stream that had started ends.
	 * @param nowNanos the time
	 */
	void abandon(long nowNanos) {
		if (this.kind.isStream() && this.headNanos != 0) {
			this.statistics.streamEnded(this.counters, nowNanos - this.startNanos, nowNanos, true, false);
		}
		reset();
	}

}
