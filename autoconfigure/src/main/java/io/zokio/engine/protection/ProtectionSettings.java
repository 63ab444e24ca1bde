package io.zokio.engine.protection;

import java.time.Duration;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.zokio.engine.pipeline.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * The limits of {@link ConnectionLimits} as every connection's guard reads them, converted once:
 * timeouts in nanoseconds ({@code 0} means off) and the body limit in bytes.
 *
 * @param requestHeaderNanos how long a request's headers may take from their first byte
 * @param requestBodyNanos how long a request body may stall between two reads
 * @param writeNanos how long a response may make no progress
 * @param writeCheckIntervalNanos how often a response's write progress is checked
 * @param maxRequestBodyBytes the largest request body, or {@code -1} for no limit
 * @param proxyHeaderFirst whether a PROXY protocol header may come first
 * @param maxControlFrames the most HTTP/2 control frames within the window
 * @param controlFrameWindowNanos the window over which HTTP/2 control frames are counted
 * @param minRequestBodyRate the slowest a request body may arrive while the server reads it
 * @param minResponseRate the slowest a client may take a response the server has ready
 * @param idleNanos how long a connection may wait for its next request
 */
record ProtectionSettings(long requestHeaderNanos, long requestBodyNanos, long writeNanos, long writeCheckIntervalNanos,
		long maxRequestBodyBytes, boolean proxyHeaderFirst, int maxControlFrames, long controlFrameWindowNanos,
		MinDataRate minRequestBodyRate, MinDataRate minResponseRate, long idleNanos) {

	static ProtectionSettings of(ConnectionLimits limits) {
		return of(limits, false);
	}

	static ProtectionSettings of(ConnectionLimits limits, boolean proxyHeaderFirst) {
		Duration write = limits.writeTimeout();
		long writeCheckInterval = write.isZero() ? 0 : write.dividedBy(4).plusMillis(1).toNanos();
		return new ProtectionSettings(limits.requestHeaderTimeout().toNanos(), limits.requestBodyTimeout().toNanos(),
				write.toNanos(), writeCheckInterval, limits.maxRequestBodySize(), proxyHeaderFirst,
				limits.maxControlFrames(), limits.controlFrameWindow().toNanos(), limits.minRequestBodyRate(),
				limits.minResponseRate(), limits.idleTimeout().toNanos());
	}

	/**
	 * Return the refusal of a request whose declared length is over the body limit.
	 * @param request the request head
	 * @return {@link Refusal#CONTENT_TOO_LARGE}, or {@code null}
	 */
	@Nullable Refusal declaredBodyRefusal(HttpRequest request) {
		if (this.maxRequestBodyBytes < 0 || request.decoderResult().isFailure()) {
			return null;
		}
		return tooLarge(HttpUtil.getContentLength(request, -1L)) ? Refusal.CONTENT_TOO_LARGE : null;
	}

	/**
	 * Return whether a body of the given size is over the limit.
	 * @param bytes the body's size
	 * @return whether it is too large
	 */
	boolean tooLarge(long bytes) {
		return this.maxRequestBodyBytes >= 0 && bytes > this.maxRequestBodyBytes;
	}

}
