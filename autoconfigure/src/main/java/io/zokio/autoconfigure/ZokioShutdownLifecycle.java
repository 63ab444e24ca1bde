package io.zokio.autoconfigure;

import io.zokio.engine.limits.ServerConnections;

import org.springframework.context.SmartLifecycle;

/**
 * Begins Zokio's part of a graceful shutdown just before Boot's: keep-alive connections waiting for
 * a request are closed at once, and responses still in flight carry {@code Connection: close}.
 */
final class ZokioShutdownLifecycle implements SmartLifecycle {

	/**
	 * Just above Boot's graceful shutdown phase ({@code DEFAULT_PHASE - 1024}), so that it stops first.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1000;

	private final ServerConnections connections;

	private volatile boolean running;

	ZokioShutdownLifecycle(ServerConnections connections) {
		this.connections = connections;
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
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
