package io.zokio.engine.protection;

import java.util.function.LongSupplier;

/**
 * Whether a client takes what the server writes at the minimum response rate, as Kestrel measures
 * it: every byte written extends the time by which what waits to be written must have left, by
 * the time the byte takes at the minimum rate, and no write gets less than the grace period. A
 * client is behind when responses still wait to be written after that time. Writes are taken in
 * at the sweeper's checks, so a write counts from the check after it, never earlier.
 */
final class ResponseRate {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final double nanosPerByte;

	private final long graceNanos;

	private long written;

	private long writtenAtCheck;

	private long deadlineNanos;

	ResponseRate(MinDataRate rate) {
		this.nanosPerByte = rate.isOn() ? NANOS_PER_SECOND / rate.bytesPerSecond() : 0;
		this.graceNanos = rate.gracePeriod().toNanos();
	}

	void wrote(long bytes) {
		this.written += bytes;
	}

	/**
	 * Take in the bytes written since the last check and return whether what waits to be written
	 * should have left by now. What waits is asked only once that time has passed.
	 * @param now the current time
	 * @param pendingBytes the bytes waiting to be written
	 * @return whether the client is behind the minimum rate
	 */
	boolean behind(long now, LongSupplier pendingBytes) {
		if (this.nanosPerByte == 0) {
			return false;
		}
		long added = this.written - this.writtenAtCheck;
		this.writtenAtCheck = this.written;
		if (added > 0) {
			long atMinimumRate = (long) Math.min(Long.MAX_VALUE / 4, added * this.nanosPerByte);
			long single = now + Math.max(atMinimumRate, this.graceNanos);
			long accumulated = this.deadlineNanos + atMinimumRate;
			this.deadlineNanos = (this.deadlineNanos == 0 || single - accumulated > 0) ? single : accumulated;
		}
		return this.deadlineNanos != 0 && now - this.deadlineNanos > 0 && pendingBytes.getAsLong() > 0;
	}

}
