package io.zokio.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.tls.TlsReport;
import io.zokio.engine.transport.TransportReport;
import org.jspecify.annotations.Nullable;

/**
 * Binds the meters of the application server as a whole: {@link ZokioMeters#ACCEPT_FAILURES} from
 * its connections, and {@link ZokioMeters#TRANSPORT}, a gauge of value 1 tagged with the transport,
 * the requested mode and whether it is a fallback, so that a dashboard shows the transport of every
 * instance and an alert finds the ones that fell back; {@link ZokioMeters#TLS_PROVIDER} does the same
 * for the TLS implementation.
 */
public final class ServerMetrics implements MeterBinder, AutoCloseable {

	private final @Nullable ServerConnections connections;

	private final @Nullable TransportReport report;

	private final @Nullable TlsReport tlsReport;

	private final List<Meter> meters = new ArrayList<>();

	private @Nullable MeterRegistry registry;

	/**
	 * Create a binder of the given server's meters.
	 * @param connections the server's connections, or {@code null} when protection is off
	 * @param report what transport selection decided, or {@code null} when Zokio did not select it
	 * @param tlsReport what TLS selection decided, or {@code null} when the server has no TLS
	 */
	public ServerMetrics(@Nullable ServerConnections connections, @Nullable TransportReport report,
			@Nullable TlsReport tlsReport) {
		this.connections = connections;
		this.report = report;
		this.tlsReport = tlsReport;
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
			selection(registry, ZokioMeters.TRANSPORT, ZokioMeters.ZokioKeyNames.TRANSPORT, this.report.transport().id(),
					this.report.mode().id(), this.report.fallback());
		}
		if (this.tlsReport != null) {
			selection(registry, ZokioMeters.TLS_PROVIDER, ZokioMeters.ZokioKeyNames.PROVIDER,
					this.tlsReport.provider().id(), this.tlsReport.mode().id(), this.tlsReport.fallback());
		}
	}

	private static void selection(MeterRegistry registry, ZokioMeters meter, ZokioMeters.ZokioKeyNames selected,
			String value, String requested, boolean fallback) {
		Gauge.builder(meter.getName(), () -> 1)
			.description(meter.getDescription())
			.tag(selected.asString(), value)
			.tag(ZokioMeters.ZokioKeyNames.REQUESTED.asString(), requested)
			.tag(ZokioMeters.ZokioKeyNames.FALLBACK.asString(), Boolean.toString(fallback))
			.register(registry);
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
