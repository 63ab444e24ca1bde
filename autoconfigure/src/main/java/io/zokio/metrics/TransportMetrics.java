package io.zokio.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zokio.engine.transport.TransportReport;
import org.jspecify.annotations.Nullable;

/**
 * Binds which transport the application server runs on as {@link ZokioMeters#TRANSPORT}: a gauge of
 * value 1 tagged with the transport, the requested mode and whether it is a fallback, so that a
 * dashboard shows the transport of every instance and an alert finds the ones that fell back.
 */
public final class TransportMetrics implements MeterBinder, AutoCloseable {

	private final TransportReport report;

	private @Nullable MeterRegistry registry;

	private @Nullable Meter meter;

	/**
	 * Create a binder of the given selection.
	 * @param report what transport selection decided
	 */
	public TransportMetrics(TransportReport report) {
		this.report = report;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.meter = Gauge.builder(ZokioMeters.TRANSPORT.getName(), () -> 1)
			.description(ZokioMeters.TRANSPORT.getDescription())
			.tag(ZokioMeters.ZokioKeyNames.TRANSPORT.asString(), this.report.transport().id())
			.tag(ZokioMeters.ZokioKeyNames.REQUESTED.asString(), this.report.requested().id())
			.tag(ZokioMeters.ZokioKeyNames.FALLBACK.asString(), Boolean.toString(this.report.fallback()))
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
