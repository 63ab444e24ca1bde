package io.zokio.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zokio.engine.protection.ServerConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Zokio's part of a graceful shutdown, just before Boot's. First the drain
 * ({@code zokio.shutdown.drain-delay}, when set): readiness turns to {@code REFUSING_TRAFFIC} (Boot
 * does so as the context closes; this says it again for any other way of stopping), the endpoint
 * shows {@code draining}, and the server keeps serving for the delay, so that a load balancer's
 * health check or Kubernetes' readiness probe takes the instance out of rotation before connections
 * are refused. Then the shutdown: keep-alive connections waiting for a request are closed at once,
 * and responses still in flight carry {@code Connection: close}. The drain does not block the thread
 * that closes the context.
 */
final class ZokioShutdownLifecycle implements SmartLifecycle {

	/**
	 * Just above Boot's graceful shutdown phase ({@code DEFAULT_PHASE - 1024}), so that it stops first.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1000;

	private static final Logger logger = LoggerFactory.getLogger(ZokioShutdownLifecycle.class);

	private final ApplicationEventPublisher publisher;

	private final ServerConnections connections;

	private final Duration drainDelay;

	private volatile boolean running;

	ZokioShutdownLifecycle(ApplicationEventPublisher publisher, ServerConnections connections, Duration drainDelay) {
		this.publisher = publisher;
		this.connections = connections;
		this.drainDelay = drainDelay;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.connections.shutdown();
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		if (this.drainDelay.isZero()) {
			this.connections.shutdown();
			callback.run();
			return;
		}
		this.connections.drain();
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		logger.info("Zokio: draining for {} before the graceful shutdown; readiness is REFUSING_TRAFFIC",
				this.drainDelay);
		CompletableFuture.delayedExecutor(this.drainDelay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			logger.info("Zokio: drain over, shutting down");
			this.connections.shutdown();
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
