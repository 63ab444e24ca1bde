package io.zokio.engine.limits;

import java.time.Duration;

/**
 * The timeouts of {@link ConnectionLimits} in nanoseconds, converted once for every connection's
 * guard; {@code 0} means off.
 *
 * @param requestHeaderNanos how long a request's headers may take from their first byte
 * @param requestBodyNanos how long a request body may stall between two reads
 * @param writeNanos how long a response may make no progress
 * @param writeCheckIntervalNanos how often a response's write progress is checked
 */
record GuardTimeouts(long requestHeaderNanos, long requestBodyNanos, long writeNanos, long writeCheckIntervalNanos) {

	static GuardTimeouts of(ConnectionLimits limits) {
		Duration write = limits.writeTimeout();
		long writeCheckInterval = write.isZero() ? 0 : write.dividedBy(4).plusMillis(1).toNanos();
		return new GuardTimeouts(limits.requestHeaderTimeout().toNanos(), limits.requestBodyTimeout().toNanos(),
				write.toNanos(), writeCheckInterval);
	}

}
