package io.zokio.engine.protection;

import io.zokio.engine.pipeline.Seat;

/**
 * Whether a response is making progress towards its client: checked a few times per write
 * timeout, it has progressed when nothing waits to be written, when what waits changed, or when
 * the application wrote more since the last check.
 */
final class WriteProgress {

	private final Seat seat;

	private final ProtectionSettings settings;

	private long checkNanos;

	private long lastProgressNanos;

	private long lastPendingBytes = -1;

	private long writesSinceCheck;

	WriteProgress(Seat seat, ProtectionSettings settings) {
		this.seat = seat;
		this.settings = settings;
	}

	void started(long now) {
		this.lastProgressNanos = now;
		this.lastPendingBytes = -1;
		this.writesSinceCheck = 0;
		this.checkNanos = Deadlines.deadline(now, this.settings.writeCheckIntervalNanos());
	}

	void wrote() {
		this.writesSinceCheck++;
	}

	void stop() {
		this.checkNanos = 0;
	}

	/**
	 * Check the progress if its check is due.
	 * @param now the current time
	 * @return whether the response made no progress for the write timeout
	 */
	boolean stalled(long now) {
		if (!Deadlines.due(this.checkNanos, now)) {
			return false;
		}
		long pending = this.seat.pendingWriteBytes();
		if (pending == 0 || pending != this.lastPendingBytes || this.writesSinceCheck > 0) {
			this.lastProgressNanos = now;
		}
		this.lastPendingBytes = pending;
		this.writesSinceCheck = 0;
		if (now - this.lastProgressNanos >= this.settings.writeNanos()) {
			return true;
		}
		this.checkNanos = Deadlines.deadline(now, this.settings.writeCheckIntervalNanos());
		return false;
	}

}
