package io.zokio.engine.protection;

/**
 * The deadlines of a connection waiting for bytes: behind a PROXY protocol balancer, for its first
 * byte within the request header timeout; between requests (and before the first), for its next
 * request within the idle timeout. Any byte read ends both.
 */
final class NextRequest {

	private final ProtectionSettings settings;

	private long firstByteDeadlineNanos;

	private long idleDeadlineNanos;

	NextRequest(ProtectionSettings settings, long now) {
		this.settings = settings;
		this.idleDeadlineNanos = Deadlines.deadline(now, settings.idleNanos());
		if (settings.proxyHeaderFirst()) {
			this.firstByteDeadlineNanos = Deadlines.deadline(now, settings.requestHeaderNanos());
		}
	}

	void bytesRead() {
		this.firstByteDeadlineNanos = 0;
		this.idleDeadlineNanos = 0;
	}

	void requestReceived() {
		this.idleDeadlineNanos = 0;
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
