package io.zokio.engine.protection;

import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * The body of one request as protection follows it, on an HTTP/1.1 connection or an HTTP/2
 * stream: its size against the body limit, its deadline between reads, and its minimum rate while
 * the server reads it.
 */
final class RequestBody {

	private final ProtectionSettings settings;

	private final Throughput rate;

	private boolean pending;

	private long bytes;

	private long deadlineNanos;

	RequestBody(ProtectionSettings settings) {
		this.settings = settings;
		this.rate = new Throughput(settings.minRequestBodyRate());
	}

	/**
	 * A request head arrived: follow its body from now, unless it has none.
	 * @param complete whether the request ended with its head
	 */
	void started(boolean complete) {
		long now = System.nanoTime();
		this.pending = !complete;
		this.bytes = 0;
		this.deadlineNanos = complete ? 0 : Deadlines.deadline(now, this.settings.requestBodyNanos());
		if (complete) {
			this.rate.stop();
		}
		else {
			this.rate.start(now);
		}
	}

	/**
	 * More of the body is being read: renew its deadline.
	 */
	void renew() {
		if (this.pending) {
			this.deadlineNanos = Deadlines.deadline(System.nanoTime(), this.settings.requestBodyNanos());
		}
	}

	/**
	 * Bytes of the body were decoded.
	 * @param bytes how many
	 * @param last whether they end it
	 * @return {@link Refusal#CONTENT_TOO_LARGE} once the body is over the limit, or {@code null}
	 */
	@Nullable Refusal received(int bytes, boolean last) {
		this.bytes += bytes;
		this.rate.moved(bytes);
		if (last) {
			this.pending = false;
			stop();
		}
		return this.settings.tooLarge(this.bytes) ? Refusal.CONTENT_TOO_LARGE : null;
	}

	boolean isPending() {
		return this.pending;
	}

	/**
	 * Check the body's deadline and rate, and stop following it if it broke one.
	 * @param now the current time
	 * @param reading whether the server read the body since the last check
	 * @return {@link Refusal#REQUEST_TIMEOUT} past its deadline, {@link Refusal#REQUEST_BODY_RATE}
	 * below its minimum rate, or {@code null}
	 */
	@Nullable Refusal check(long now, boolean reading) {
		if (Deadlines.due(this.deadlineNanos, now)) {
			stop();
			return Refusal.REQUEST_TIMEOUT;
		}
		if (this.rate.belowMinimum(now, reading)) {
			stop();
			return Refusal.REQUEST_BODY_RATE;
		}
		return null;
	}

	/**
	 * Stop holding the body to its deadline and rate.
	 */
	void stop() {
		this.deadlineNanos = 0;
		this.rate.stop();
	}

}
