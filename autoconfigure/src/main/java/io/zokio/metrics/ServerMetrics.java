package io.zokio.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zokio.engine.limits.ServerConnections;
import io.zokio.engine.transport.TransportReport;
import org.jspecify.annotations.Nullable;

/**
 * Binds the meters of the application server as a whole: {@link ZokioMeters#ACCEPT_FAILURES} from
 * its connections, and {@link ZokioMeters#TRANSPORT}, a gauge of value 1 tagged with the transport,
 * the requested mode and whether it is a fallback, so that a dashboard shows the transport of every
 * instance and an alert finds the ones that fell back.
 */
public final class ServerMetrics implements MeterBinder, AutoCloseable {

	private final @Nullable ServerConnections connections;

	private final @Nullable TransportReport report;

	private final List<Meter> meters = new ArrayList<>();

	private @Nullable MeterRegistry registry;

	/**
	 * Create a binder of the given server's meters.
	 * @param connections the server's connections, or {@code null} when protection is off
	 * @param report what transport selection decided, or {@code null} when Zokio did not select it
	 */
	public ServerMetrics(@Nullable ServerConnections connections, @Nullable TransportReport report) {
		this.connections = connections;
		this.report = report;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.meters.addAll(RegisteredMeters.during(registry, () -> bind(registry)));
	}

	private void bind(MeterRegistry registry) {
		if (this.connections != null) {
			FunctionCounter
				.builder(ZokioMeters.ACCEPT_FAILURES.getName(), this.connections, ServerConnections::acceptFailures)
				.description(ZokioMeters.ACCEPT_FAILURES.getDescription())
				.register(registry);
		}
		if (this.report != null) {
			Gauge.builder(ZokioMeters.TRANSPORT.getName(), () -> 1)
				.description(ZokioMeters.TRANSPORT.getDescription())
				.tag(ZokioMeters.ZokioKeyNames.TRANSPORT.asString(), this.report.transport().id())
				.tag(ZokioMeters.ZokioKeyNames.REQUESTED.asString(), this.report.requested().id())
				.tag(ZokioMeters.ZokioKeyNames.FALLBACK.asString(), Boolean.toString(this.report.fallback()))
				.register(registry);
		}
	}

	/**
	 * Remove every meter this binder registered.
	 */
	@Override
	public synchronized void close() {
		if (this.registry != null) {
			this.meters.forEach(this.registry::remove);
		}
		this.meters.clear();
	}

}
