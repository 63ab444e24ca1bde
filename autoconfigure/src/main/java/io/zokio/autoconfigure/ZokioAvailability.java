package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.zokio.engine.ZokioEngine;
import io.zokio.engine.buffer.BufferPool;
import io.zokio.engine.buffer.DirectMemoryGuard;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.transport.LoopWatchdog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes what the engine knows of the application's availability. Readiness goes
 * {@link ReadinessState#REFUSING_TRAFFIC} while the server sits at its connection limit or sheds
 * requests for want of direct memory, and back to {@link ReadinessState#ACCEPTING_TRAFFIC} once
 * neither holds. Liveness goes {@link LivenessState#BROKEN} while an event loop is stuck, blocked for
 * {@value #STUCK_THRESHOLDS} times the watchdog's threshold, and back to {@link LivenessState#CORRECT}
 * once it runs again. Checked twice a second off the event loops; only a state Zokio published is
 * ever lifted by it, and shutdown is left to Boot.
 */
final class ZokioAvailability implements SmartLifecycle {

	/**
	 * Thresholds a loop must stay blocked to count as stuck: long enough that a pause the loop
	 * recovers from (a slow call, a long collection) only logs, short enough that a deadlocked loop is
	 * restarted (10s with the default threshold).
	 */
	static final int STUCK_THRESHOLDS = 10;

	static final Duration INTERVAL = Duration.ofMillis(500);

	private static final Logger logger = LoggerFactory.getLogger(ZokioAvailability.class);

	private final ApplicationEventPublisher publisher;

	private final ServerConnections connections;

	private final ZokioEngine engine;

	private @Nullable ScheduledExecutorService scheduler;

	private boolean refusing;

	private boolean broken;

	ZokioAvailability(ApplicationEventPublisher publisher, ServerConnections connections, ZokioEngine engine) {
		this.publisher = publisher;
		this.connections = connections;
		this.engine = engine;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("zokio-availability", true));
		this.scheduler.scheduleWithFixedDelay(this::check, INTERVAL.toMillis(), INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	synchronized void check() {
		if (this.connections.isShuttingDown() || this.connections.isDraining()) {
			return;
		}
		String stuck = stuckLoop();
		if (stuck != null && !this.broken) {
			this.broken = true;
			logger.warn("Zokio: liveness is now BROKEN: {}", stuck);
			AvailabilityChangeEvent.publish(this.publisher, this, LivenessState.BROKEN);
		}
		else if (stuck == null && this.broken) {
			this.broken = false;
			logger.info("Zokio: liveness is CORRECT again: every event loop runs tasks");
			AvailabilityChangeEvent.publish(this.publisher, this, LivenessState.CORRECT);
		}
		String reason = reason();
		if (reason != null && !this.refusing) {
			this.refusing = true;
			logger.info("Zokio: readiness is now REFUSING_TRAFFIC: {}", reason);
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		}
		else if (reason == null && this.refusing) {
			this.refusing = false;
			logger.info("Zokio: readiness is now ACCEPTING_TRAFFIC again");
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	private @Nullable String stuckLoop() {
		LoopWatchdog watchdog = this.engine.eventLoops().orElse(null);
		if (watchdog == null) {
			return null;
		}
		Duration stuck = watchdog.threshold().multipliedBy(STUCK_THRESHOLDS);
		for (LoopWatchdog.LoopHealth loop : watchdog.loops()) {
			if (loop.blockedNow() && loop.lag().compareTo(stuck) >= 0) {
				return "event loop " + loop.name() + " has been blocked for " + loop.lag().toMillis() + " ms";
			}
		}
		return null;
	}

	private @Nullable String reason() {
		if (this.connections.isAtLimit()) {
			return "the server holds its limit of " + this.connections.maxConnections() + " connections";
		}
		if (this.engine.bufferPool().map(BufferPool::guard).filter(DirectMemoryGuard::isUnderPressure).isPresent()) {
			return "direct memory is exhausted and requests are shed";
		}
		return null;
	}

}
