package io.zokio.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zokio.engine.limits.ServerConnections;

/**
 * Binds {@code zokio.connections.accept.failures}: the failed attempts to accept a connection,
 * each followed by a pause in accepting.
 */
public final class AcceptMetrics implements MeterBinder, AutoCloseable {

	private final ServerConnections connections;

	private MeterRegistry registry;

	private Meter meter;

	/**
	 * Create a binder of the given server connections' accept failures.
	 * @param connections the server's connections
	 */
	public AcceptMetrics(ServerConnections connections) {
		this.connections = connections;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.meter = FunctionCounter
			.builder(ZokioMeters.ACCEPT_FAILURES.getName(), this.connections, ServerConnections::acceptFailures)
			.description(ZokioMeters.ACCEPT_FAILURES.getDescription())
			.register(registry);
	}

	/**
	 * Remove the meter this binder registered.
	 */
	@Override
	public synchronized void close() {
		if (this.registry != null && this.meter != null) {
			this.registry.remove(this.meter);
		}
		this.meter = null;
	}

}
