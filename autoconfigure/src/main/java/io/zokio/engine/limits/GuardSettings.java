package io.zokio.engine.limits;

import java.time.Duration;

/**
 * The limits of {@link ConnectionLimits} as every connection's guard reads them, converted once:
 * timeouts in nanoseconds ({@code 0} means off) and the body limit in bytes.
 *
 * @param requestHeaderNanos how long a request's headers may take from their first byte
 * @param requestBodyNanos how long a request body may stall between two reads
 * @param writeNanos how long a response may make no progress
 * @param writeCheckIntervalNanos how often a response's write progress is checked
 * @param maxRequestBodyBytes the largest request body, or {@code -1} for no limit
 */
record GuardSettings(long requestHeaderNanos, long requestBodyNanos, long writeNanos, long writeCheckIntervalNanos,
		long maxRequestBodyBytes, boolean proxyHeaderFirst) {

	static GuardSettings of(ConnectionLimits limits) {
		return of(limits, false);
	}

	static GuardSettings of(ConnectionLimits limits, boolean proxyHeaderFirst) {
		Duration write = limits.writeTimeout();
		long writeCheckInterval = write.isZero() ? 0 : write.dividedBy(4).plusMillis(1).toNanos();
		return new GuardSettings(limits.requestHeaderTimeout().toNanos(), limits.requestBodyTimeout().toNanos(),
				write.toNanos(), writeCheckInterval, limits.maxRequestBodySize(), proxyHeaderFirst);
	}

}
