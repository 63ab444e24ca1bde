package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zokio.engine.limits.ServerConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The drain before shutdown ({@code zokio.shutdown.drain-delay}): readiness turns to
 * {@code REFUSING_TRAFFIC} (Boot does so as the context closes; this says it again for any other
 * way of stopping), the endpoint shows {@code draining}, and the server keeps serving for the delay,
 * so that a load balancer's health check or Kubernetes' readiness probe takes the instance out of
 * rotation before Boot's graceful shutdown refuses new connections. Stops before
 * {@link ZokioShutdownLifecycle}, without blocking the thread that closes the context.
 */
final class ZokioDrain implements SmartLifecycle {

	/**
	 * Above {@link ZokioShutdownLifecycle#PHASE}, so that the drain ends before shutdown begins.
	 */
	static final int PHASE = ZokioShutdownLifecycle.PHASE + 500;

	private static final Logger logger = LoggerFactory.getLogger(ZokioDrain.class);

	private final ApplicationEventPublisher publisher;

	private final ServerConnections connections;

	private final Duration delay;

	private volatile boolean running;

	ZokioDrain(ApplicationEventPublisher publisher, ServerConnections connections, Duration delay) {
		this.publisher = publisher;
		this.connections = connections;
		this.delay = delay;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		if (this.delay.isZero()) {
			callback.run();
			return;
		}
		this.connections.drain();
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		logger.info("Zokio: draining for {} before the graceful shutdown; readiness is REFUSING_TRAFFIC", this.delay);
		CompletableFuture.delayedExecutor(this.delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			logger.info("Zokio: drain over, shutting down");
			callback.run();
		});
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
