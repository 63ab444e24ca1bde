package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Overload protection settings ({@code zokio.overload.*}): an adaptive limit on the requests served
 * at once, beyond which requests are answered 503 with Retry-After at once instead of queueing.
 */
public class OverloadProperties {

	private static final int DEFAULT_LIMIT = 20;

	/**
	 * Algorithm of the concurrency limit: gradient2 (adapts to the change of latency against its
	 * long-term average), vegas (to the queue estimated from the least latency), aimd (grows by one,
	 * shrinks on a request slower than aimd.timeout), fixed (max-limit, never adapted), or off.
	 */
	private Algorithm limit = Algorithm.OFF;

	/**
	 * Limit before the algorithm has seen any request. Defaults to 20, or max-limit when lower.
	 */
	private @Nullable Integer initialLimit;

	/**
	 * Least limit an adaptive algorithm shrinks to (vegas has no least limit). Defaults to 20, or
	 * max-limit when lower.
	 */
	private @Nullable Integer minLimit;

	/**
	 * Most requests served at once: the limit of fixed, and the most an adaptive algorithm grows to.
	 */
	private int maxLimit = 1000;

	/**
	 * Request paths never limited, each with the paths below it. Empty: the health endpoint's path
	 * on the server port (management.endpoints.web.base-path followed by /health), so that a
	 * balancer's checks pass under load.
	 */
	private List<String> exemptPaths = new ArrayList<>();

	private final Gradient2 gradient2 = new Gradient2();

	private final Vegas vegas = new Vegas();

	private final Aimd aimd = new Aimd();

	public Algorithm getLimit() {
		return this.limit;
	}

	public void setLimit(Algorithm limit) {
		this.limit = limit;
	}

	public @Nullable Integer getInitialLimit() {
		return this.initialLimit;
	}

	public void setInitialLimit(@Nullable Integer initialLimit) {
		this.initialLimit = initialLimit;
	}

	public @Nullable Integer getMinLimit() {
		return this.minLimit;
	}

	public void setMinLimit(@Nullable Integer minLimit) {
		this.minLimit = minLimit;
	}

	/**
	 * Return the least limit in effect: the one set, or 20 capped by the most.
	 * @return the least limit
	 */
	int minLimit() {
		return (this.minLimit != null) ? this.minLimit : Math.min(DEFAULT_LIMIT, this.maxLimit);
	}

	/**
	 * Return the initial limit in effect: the one set, or 20 between the least and the most.
	 * @return the initial limit
	 */
	int initialLimit() {
		return (this.initialLimit != null) ? this.initialLimit
				: Math.max(minLimit(), Math.min(DEFAULT_LIMIT, this.maxLimit));
	}

	public int getMaxLimit() {
		return this.maxLimit;
	}

	public void setMaxLimit(int maxLimit) {
		this.maxLimit = maxLimit;
	}

	public List<String> getExemptPaths() {
		return this.exemptPaths;
	}

	public void setExemptPaths(List<String> exemptPaths) {
		this.exemptPaths = exemptPaths;
	}

	public Gradient2 getGradient2() {
		return this.gradient2;
	}

	public Vegas getVegas() {
		return this.vegas;
	}

	public Aimd getAimd() {
		return this.aimd;
	}

	/**
	 * The algorithm of the concurrency limit.
	 */
	public enum Algorithm {

		/**
		 * Netflix's Gradient2: the limit follows the ratio of the long-term average latency to the
		 * latest, plus a queue allowance.
		 */
		GRADIENT2,

		/**
		 * TCP Vegas: the limit follows the queue estimated from the least latency seen.
		 */
		VEGAS,

		/**
		 * Additive increase, multiplicative decrease on requests slower than a timeout.
		 */
		AIMD,

		/**
		 * A limit that never changes: max-limit.
		 */
		FIXED,

		/**
		 * No limit.
		 */
		OFF

	}

	/**
	 * Settings of the gradient2 algorithm.
	 */
	public static class Gradient2 {

		/**
		 * Requests the limit allows beyond what the latency gradient gives, so that it can probe for
		 * more.
		 */
		private int queueSize = 4;

		/**
		 * How much slower than the long-term average (1.5: 50%) the latest requests may be before the
		 * limit shrinks; at least 1.
		 */
		private double rttTolerance = 1.5;

		/**
		 * Weight of each new limit against the last, above 0 and at most 1.
		 */
		private double smoothing = 0.2;

		/**
		 * Requests over which the long-term average latency is taken: 20000 is about five seconds at
		 * 4000 requests a second. The library's 600 is so short at a server's rates that the average
		 * follows a growing queue and the limit never falls.
		 */
		private int longWindow = 20000;

		public int getQueueSize() {
			return this.queueSize;
		}

		public void setQueueSize(int queueSize) {
			this.queueSize = queueSize;
		}

		public double getRttTolerance() {
			return this.rttTolerance;
		}

		public void setRttTolerance(double rttTolerance) {
			this.rttTolerance = rttTolerance;
		}

		public double getSmoothing() {
			return this.smoothing;
		}

		public void setSmoothing(double smoothing) {
			this.smoothing = smoothing;
		}

		public int getLongWindow() {
			return this.longWindow;
		}

		public void setLongWindow(int longWindow) {
			this.longWindow = longWindow;
		}

	}

	/**
	 * Settings of the vegas algorithm.
	 */
	public static class Vegas {

		/**
		 * Weight of each new limit against the last, above 0 and at most 1.
		 */
		private double smoothing = 1.0;

		/**
		 * Requests after which the least latency is measured again, as a multiple of the limit.
		 */
		private int probeMultiplier = 30;

		public double getSmoothing() {
			return this.smoothing;
		}

		public void setSmoothing(double smoothing) {
			this.smoothing = smoothing;
		}

		public int getProbeMultiplier() {
			return this.probeMultiplier;
		}

		public void setProbeMultiplier(int probeMultiplier) {
			this.probeMultiplier = probeMultiplier;
		}

	}

	/**
	 * Settings of the aimd algorithm.
	 */
	public static class Aimd {

		/**
		 * Factor the limit is multiplied by after a request slower than the timeout, at least 0.5 and
		 * below 1.
		 */
		private double backoffRatio = 0.9;

		/**
		 * Time from a request's head to its response's head beyond which the limit shrinks.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		public double getBackoffRatio() {
			return this.backoffRatio;
		}

		public void setBackoffRatio(double backoffRatio) {
			this.backoffRatio = backoffRatio;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
