package io.zokio.autoconfigure;

import java.time.Duration;

import io.zokio.engine.transport.TransportMode;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Zokio engine.
 */
@ConfigurationProperties("zokio")
public class ZokioProperties {

	/**
	 * Whether to enable the Zokio engine. When disabled, the server runs exactly as plain Spring Boot.
	 */
	private boolean enabled = true;

	private final Transport transport = new Transport();

	private final Stats stats = new Stats();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public Stats getStats() {
		return this.stats;
	}

	/**
	 * Transport settings.
	 */
	public static class Transport {

		/**
		 * Transport to try first. Others follow in the automatic order, NIO last.
		 */
		private TransportMode mode = TransportMode.AUTO;

		/**
		 * Whether to fail startup instead of falling back to NIO when no native transport works.
		 */
		private boolean requireNative;

		/**
		 * Number of event loop threads. Defaults to the number of available processors.
		 */
		private Integer eventLoopThreads;

		public TransportMode getMode() {
			return this.mode;
		}

		public void setMode(TransportMode mode) {
			this.mode = mode;
		}

		public boolean isRequireNative() {
			return this.requireNative;
		}

		public void setRequireNative(boolean requireNative) {
			this.requireNative = requireNative;
		}

		public Integer getEventLoopThreads() {
			return this.eventLoopThreads;
		}

		public void setEventLoopThreads(Integer eventLoopThreads) {
			this.eventLoopThreads = eventLoopThreads;
		}

	}

	/**
	 * Connection statistics settings.
	 */
	public static class Stats {

		/**
		 * Whether to record connection and request statistics.
		 */
		private boolean enabled = true;

		/**
		 * Length of the sliding window over which latency percentiles are computed.
		 */
		private Duration latencyWindow = Duration.ofSeconds(60);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getLatencyWindow() {
			return this.latencyWindow;
		}

		public void setLatencyWindow(Duration latencyWindow) {
			this.latencyWindow = latencyWindow;
		}

	}

}
