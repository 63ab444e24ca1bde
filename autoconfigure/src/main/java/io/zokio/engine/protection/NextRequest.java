package io.zokio.engine.protection;

/**
 * The deadlines of a connection's next request: behind a PROXY protocol balancer, its first byte
 * within the request header timeout; between requests (and before the first), its first byte within
 * the idle timeout, which on HTTP/2 runs while no stream is open; once it started, its head within
 * the request header timeout. Any byte read ends the first two; HTTP/2 starts the idle deadline
 * again from it.
 */
final class NextRequest {

	private final ProtectionSettings settings;

	private long firstByteDeadlineNanos;

	private long idleDeadlineNanos;

	private long headDeadlineNanos;

	private boolean bytesSeen;

	NextRequest(ProtectionSettings settings, long now) {
		this.settings = settings;
		this.idleDeadlineNanos = Deadlines.deadline(now, settings.idleNanos());
		if (settings.proxyHeaderFirst()) {
			this.firstByteDeadlineNanos = Deadlines.deadline(now, settings.requestHeaderNanos());
		}
	}

	/**
	 * Bytes were read: the first byte and the next request are no longer awaited.
	 * @return whether they are the connection's first bytes
	 */
	boolean bytesRead() {
		this.firstByteDeadlineNanos = 0;
		this.idleDeadlineNanos = 0;
		boolean first = !this.bytesSeen;
		this.bytesSeen = true;
		return first;
	}

	void requestReceived() {
		this.idleDeadlineNanos = 0;
		this.headDeadlineNanos = 0;
	}

	/**
	 * The request's first bytes came: start the head deadline, unless it runs already.
	 * @param now the current time
	 */
	void headStarted(long now) {
		if (this.headDeadlineNanos == 0) {
			this.headDeadlineNanos = Deadlines.deadline(now, this.settings.requestHeaderNanos());
		}
	}

	void headStopped() {
		this.headDeadlineNanos = 0;
	}

	/**
	 * Return whether the request's head did not come within the request header timeout.
	 * @param now the current time
	 * @return whether the head is late
	 */
	boolean headLate(long now) {
		return Deadlines.due(this.headDeadlineNanos, now);
	}

	/**
	 * The exchange is over: start waiting for the next request.
	 * @param now the current time
	 */
	void awaited(long now) {
		this.idleDeadlineNanos = Deadlines.deadline(now, this.settings.idleNanos());
	}

	/**
	 * Return, once, whether the first byte is late.
	 * @param now the current time
	 * @return whether the PROXY header and the first request byte did not come in time
	 */
	boolean firstByteLate(long now) {
		boolean late = Deadlines.due(this.firstByteDeadlineNanos, now);
		if (late) {
			this.firstByteDeadlineNanos = 0;
		}
		return late;
	}

	/**
	 * Return, once, whether the connection waited for its next request longer than the idle timeout.
	 * @param now the current time
	 * @return whether it is idle
	 */
	boolean idle(long now) {
		boolean idle = Deadlines.due(this.idleDeadlineNanos, now);
		if (idle) {
			this.idleDeadlineNanos = 0;
		}
		return idle;
	}

}
