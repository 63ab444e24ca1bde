package io.zokio.engine.warmup;

/**
 * Where a warm-up stands.
 */
public enum WarmupState {

	/**
	 * Sending requests.
	 */
	RUNNING,

	/**
	 * Ended because latency settled.
	 */
	SETTLED,

	/**
	 * Ended after sending its most requests, latency not yet settled.
	 */
	REQUEST_LIMIT,

	/**
	 * Ended when its time ran out, latency not yet settled: a failure.
	 */
	TIME_LIMIT,

	/**
	 * Ended on an answer {@code 5xx} or a request that failed: a failure.
	 */
	FAILED,

	/**
	 * Ended by the application's shutdown.
	 */
	CANCELLED;

	/**
	 * Return whether the warm-up failed, which fails the start when the warm-up is required.
	 * @return whether it ended failing
	 */
	public boolean isFailure() {
		return this == TIME_LIMIT || this == FAILED;
	}

}
