package io.zokio.engine.protection;

/**
 * The data one side of an exchange moved against its {@link MinDataRate}: the bytes, and the time
 * in which the peer could move them (time the server holds back is not counted). Sampled by the
 * connection's sweeper, so a stretch between two checks counts whole or not at all.
 */
final class Throughput {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final long bytesPerSecond;

	private final long graceNanos;

	private boolean running;

	private long bytes;

	private long countedNanos;

	private long lastNanos;

	Throughput(MinDataRate rate) {
		this.bytesPerSecond = rate.bytesPerSecond();
		this.graceNanos = rate.gracePeriod().toNanos();
	}

	/**
	 * Start measuring from nothing.
	 * @param now the current time
	 */
	void start(long now) {
		this.running = this.bytesPerSecond > 0;
		this.bytes = 0;
		this.countedNanos = 0;
		this.lastNanos = now;
	}

	void stop() {
		this.running = false;
	}

	boolean isRunning() {
		return this.running;
	}

	void moved(long bytes) {
		this.bytes += bytes;
	}

	/**
	 * Count the time since the last sample if the peer could move data in it, and return whether
	 * the data moved slower than the minimum once the counted time has passed the grace period.
	 * @param now the current time
	 * @param counting whether the peer could move data since the last sample
	 * @return whether it is below the minimum rate
	 */
	boolean belowMinimum(long now, boolean counting) {
		if (!this.running) {
			return false;
		}
		if (counting) {
			this.countedNanos += now - this.lastNanos;
		}
		this.lastNanos = now;
		return this.countedNanos >= this.graceNanos
				&& this.bytes < this.bytesPerSecond * (this.countedNanos / NANOS_PER_SECOND);
	}

}
