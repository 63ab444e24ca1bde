package io.zokio.engine.warmup;

import java.time.Duration;
import java.util.List;

/**
 * How a warm-up runs.
 *
 * @param requests the requests sent, in turn, on every protocol
 * @param duration the longest it runs
 * @param maxRequests the most requests it sends
 * @param concurrency the requests in flight at once
 */
public record WarmupSettings(List<WarmupRequest> requests, Duration duration, int maxRequests, int concurrency) {

	/**
	 * Create settings, keeping a copy of the requests.
	 * @param requests the requests, at least one
	 * @param duration the longest it runs
	 * @param maxRequests the most requests it sends
	 * @param concurrency the requests in flight at once
	 */
	public WarmupSettings {
		if (requests.isEmpty()) {
			throw new IllegalArgumentException("A warm-up needs at least one request");
		}
		requests = List.copyOf(requests);
	}

}
