package io.zokio.engine.protection;

import java.time.Duration;

/**
 * The limits the engine enforces on the application server's connections.
 *
 * @param maxConnections the most connections open at once, or {@code -1} for no limit
 * @param requestHeaderTimeout how long a request's headers may take from their first byte
 * @param requestBodyTimeout how long a request body may stall between two reads
 * @param writeTimeout how long a response may make no progress towards a client that does not read
 * @param maxRequestBodySize the largest request body in bytes, or {@code -1} for no limit
 * @param maxControlFrames the most HTTP/2 control frames a connection may send within the window
 * @param controlFrameWindow the window over which HTTP/2 control frames are counted
 * @param minRequestBodyRate the slowest a request body may arrive while the server reads it
 * @param minResponseRate the slowest a client may take a response the server has ready
 * @param idleTimeout how long a connection may wait for its next request (on HTTP/2, with no stream
 * open) before it is closed
 */
public record ConnectionLimits(int maxConnections, Duration requestHeaderTimeout, Duration requestBodyTimeout,
		Duration writeTimeout, long maxRequestBodySize, int maxControlFrames, Duration controlFrameWindow,
		MinDataRate minRequestBodyRate, MinDataRate minResponseRate, Duration idleTimeout) {

	/**
	 * The highest default connection limit.
	 */
	public static final int MAX_DEFAULT_CONNECTIONS = 10_000;

	/**
	 * The default most HTTP/2 control frames within {@link #DEFAULT_CONTROL_FRAME_WINDOW}.
	 */
	public static final int DEFAULT_MAX_CONTROL_FRAMES = 1000;

	/**
	 * The default window over which HTTP/2 control frames are counted.
	 */
	public static final Duration DEFAULT_CONTROL_FRAME_WINDOW = Duration.ofSeconds(10);

	public ConnectionLimits {
		if (maxConnections == 0 || maxConnections < -1) {
			throw new IllegalArgumentException("'maxConnections' must be positive or -1, was " + maxConnections);
		}
		requireNonNegative(requestHeaderTimeout, "requestHeaderTimeout");
		requireNonNegative(requestBodyTimeout, "requestBodyTimeout");
		requireNonNegative(writeTimeout, "writeTimeout");
		if (maxRequestBodySize < -1) {
			throw new IllegalArgumentException("'maxRequestBodySize' must be zero or positive, or -1, was " + maxRequestBodySize);
		}
		if (maxControlFrames < 1) {
			throw new IllegalArgumentException("'maxControlFrames' must be positive, was " + maxControlFrames);
		}
		requireNonNegative(controlFrameWindow, "controlFrameWindow");
		if (minRequestBodyRate == null || minResponseRate == null) {
			throw new IllegalArgumentException("'minRequestBodyRate' and 'minResponseRate' must not be null");
		}
		requireNonNegative(idleTimeout, "idleTimeout");
	}

	/**
	 * Create limits with the default HTTP/2 control frame limit and minimum data rates, and no idle
	 * timeout.
	 * @param maxConnections the most connections open at once, or {@code -1} for no limit
	 * @param requestHeaderTimeout how long a request's headers may take from their first byte
	 * @param requestBodyTimeout how long a request body may stall between two reads
	 * @param writeTimeout how long a response may make no progress towards a client that does not read
	 * @param maxRequestBodySize the largest request body in bytes, or {@code -1} for no limit
	 */
	public ConnectionLimits(int maxConnections, Duration requestHeaderTimeout, Duration requestBodyTimeout,
			Duration writeTimeout, long maxRequestBodySize) {
		this(maxConnections, requestHeaderTimeout, requestBodyTimeout, writeTimeout, maxRequestBodySize,
				DEFAULT_MAX_CONTROL_FRAMES, DEFAULT_CONTROL_FRAME_WINDOW, MinDataRate.DEFAULT, MinDataRate.DEFAULT,
				Duration.ZERO);
	}

	/**
	 * Return the default connection limit: half the process's file descriptor limit, at most
	 * {@value #MAX_DEFAULT_CONNECTIONS}, so that a flood of connections cannot take the descriptors
	 * the server needs for files, its management port and outgoing calls.
	 * @return the default limit
	 */
	public static int defaultMaxConnections() {
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 1) {
			return (int) Math.min(MAX_DEFAULT_CONNECTIONS, unix.getMaxFileDescriptorCount() / 2);
		}
		return MAX_DEFAULT_CONNECTIONS;
	}

	private static void requireNonNegative(Duration duration, String name) {
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException("'" + name + "' must be zero (off) or positive");
		}
	}

}
