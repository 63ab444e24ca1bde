package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.zokio.engine.buffer.DirectMemoryGuard;
import io.zokio.engine.limits.ServerConnections;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Takes the application out of rotation while Zokio refuses traffic of its own accord: readiness
 * goes {@link ReadinessState#REFUSING_TRAFFIC} while the server sits at its connection limit or
 * sheds requests for want of direct memory, and back to {@link ReadinessState#ACCEPTING_TRAFFIC}
 * once neither holds. Checked twice a second off the event loops; only a refusal Zokio published is
 * ever lifted by it, and shutdown is left to Boot.
 */
final class ZokioReadiness implements SmartLifecycle {

	static final Duration INTERVAL = Duration.ofMillis(500);

	private static final Logger logger = LoggerFactory.getLogger(ZokioReadiness.class);

	private final ApplicationEventPublisher publisher;

	private final ServerConnections connections;

	private final @Nullable DirectMemoryGuard memory;

	private @Nullable ScheduledExecutorService scheduler;

	private boolean refusing;

	ZokioReadiness(ApplicationEventPublisher publisher, ServerConnections connections,
			@Nullable DirectMemoryGuard memory) {
		this.publisher = publisher;
		this.connections = connections;
		this.memory = memory;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("zokio-readiness", true));
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
		if (this.connections.isShuttingDown()) {
			return;
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

	private @Nullable String reason() {
		if (this.connections.isAtLimit()) {
			return "the server holds its limit of " + this.connections.maxConnections() + " connections";
		}
		if (this.memory != null && this.memory.isUnderPressure()) {
			return "direct memory is exhausted and requests are shed";
		}
		return null;
	}

}
