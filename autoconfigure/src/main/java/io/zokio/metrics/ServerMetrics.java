package io.zokio.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zokio.engine.ZokioEngine;
import io.zokio.engine.http3.Http3State;
import io.zokio.engine.overload.ConcurrencyLimit;
import io.zokio.engine.protection.ServerConnections;
import io.zokio.engine.tls.TlsSelector;
import io.zokio.engine.transport.TransportSelector;
import org.jspecify.annotations.Nullable;

/**
 * Binds the meters of the application server as a whole: {@link ZokioMeters#ACCEPT_FAILURES} from
 * its connections, and {@link ZokioMeters#TRANSPORT}, a gauge of value 1 tagged with the transport,
 * the requested mode and whether it is a fallback, so that a dashboard shows the transport of every
 * instance and an alert finds the ones that fell back; {@link ZokioMeters#TLS_PROVIDER} does the same
 * for the TLS implementation; and the concurrency limit's {@link ZokioMeters#OVERLOAD_LIMIT limit},
 * {@link ZokioMeters#OVERLOAD_IN_FLIGHT requests in flight} and {@link ZokioMeters#REQUESTS_SHED
 * requests shed} when overload protection is on; {@link ZokioMeters#HTTP3_SERVING} when HTTP/3 is on.
 */
public final class ServerMetrics implements MeterBinder, AutoCloseable {

	private final ZokioEngine engine;

	private final List<Meter> meters = new ArrayList<>();

	private @Nullable MeterRegistry registry;

	/**
	 * Create a binder of the given engine's server meters: accept failures when protection is on,
	 * the transport and the TLS implementation when Zokio selected them.
	 * @param engine the engine's parts
	 */
	public ServerMetrics(ZokioEngine engine) {
		this.engine = engine;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.meters.addAll(RegisteredMeters.during(registry, () -> bind(registry)));
	}

	private void bind(MeterRegistry registry) {
		this.engine.connections()
			.ifPresent((connections) -> FunctionCounter
				.builder(ZokioMeters.ACCEPT_FAILURES.getName(), connections, ServerConnections::acceptFailures)
				.description(ZokioMeters.ACCEPT_FAILURES.getDescription())
				.register(registry));
		this.engine.overload().ifPresent((limit) -> {
			FunctionCounter.builder(ZokioMeters.REQUESTS_SHED.getName(), limit, ConcurrencyLimit::shed)
				.description(ZokioMeters.REQUESTS_SHED.getDescription())
				.tag(ZokioMeters.ZokioKeyNames.REASON.asString(), "overload")
				.register(registry);
			Gauge.builder(ZokioMeters.OVERLOAD_LIMIT.getName(), limit, ConcurrencyLimit::limit)
				.description(ZokioMeters.OVERLOAD_LIMIT.getDescription())
				.register(registry);
			Gauge.builder(ZokioMeters.OVERLOAD_IN_FLIGHT.getName(), limit, ConcurrencyLimit::inFlight)
				.description(ZokioMeters.OVERLOAD_IN_FLIGHT.getDescription())
				.register(registry);
		});
		this.engine.transport()
			.map(TransportSelector::report)
			.ifPresent((report) -> selection(registry, ZokioMeters.TRANSPORT, ZokioMeters.ZokioKeyNames.TRANSPORT,
					report.transport().id(), report.mode().id(), report.fallback()));
		this.engine.http3()
			.ifPresent((http3) -> Gauge
				.builder(ZokioMeters.HTTP3_SERVING.getName(), http3,
						(server) -> (server.report().state() == Http3State.SERVING) ? 1 : 0)
				.description(ZokioMeters.HTTP3_SERVING.getDescription())
				.register(registry));
		this.engine.tls()
			.map(TlsSelector::report)
			.ifPresent((report) -> selection(registry, ZokioMeters.TLS_PROVIDER, ZokioMeters.ZokioKeyNames.PROVIDER,
					report.provider().id(), report.mode().id(), report.fallback()));
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
