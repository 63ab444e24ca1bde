package io.zokio.engine.transport;

import java.time.Duration;

/**
 * How the engine selects its transport.
 *
 * @param mode which transport to try first
 * @param requireNative whether to fail instead of falling back to NIO
 * @param eventLoopThreads the number of event loop threads
 * @param trialTimeout how long the trial bind of each candidate may take
 * @param providedBuffers the buffers a transport that supports it reads into
 */
public record TransportSettings(TransportMode mode, boolean requireNative, int eventLoopThreads,
		Duration trialTimeout, ProvidedBuffers providedBuffers) {

	/**
	 * The default event loop thread count: one per available processor.
	 */
	public static final int DEFAULT_EVENT_LOOP_THREADS = Runtime.getRuntime().availableProcessors();

	public TransportSettings {
		if (mode == null) {
			throw new IllegalArgumentException("'mode' must not be null");
		}
		if (eventLoopThreads < 1) {
			throw new IllegalArgumentException("'eventLoopThreads' must be at least 1, was " + eventLoopThreads);
		}
		if (trialTimeout == null || trialTimeout.isNegative() || trialTimeout.isZero()) {
			throw new IllegalArgumentException("'trialTimeout' must be positive");
		}
		if (providedBuffers == null) {
			throw new IllegalArgumentException("'providedBuffers' must not be null");
		}
	}

	/**
	 * Settings without provided buffers.
	 * @param mode which transport to try first
	 * @param requireNative whether to fail instead of falling back to NIO
	 * @param eventLoopThreads the number of event loop threads
	 * @param trialTimeout how long the trial bind of each candidate may take
	 */
	public TransportSettings(TransportMode mode, boolean requireNative, int eventLoopThreads, Duration trialTimeout) {
		this(mode, requireNative, eventLoopThreads, trialTimeout, ProvidedBuffers.NONE);
	}

	/**
	 * Settings with the default thread count and trial timeout.
	 * @param mode which transport to try first
	 * @param requireNative whether to fail instead of falling back to NIO
	 * @return the settings
	 */
	public static TransportSettings of(TransportMode mode, boolean requireNative) {
		return new TransportSettings(mode, requireNative, DEFAULT_EVENT_LOOP_THREADS, Duration.ofSeconds(5));
	}

}
