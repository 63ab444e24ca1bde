package io.zokio.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.AlpnProtocol;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.TlsFailure;
import io.zokio.engine.pipeline.TlsVersion;
import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatusClass;

/**
 * Binds the {@link ConnectionStatistics} of the application server to a {@link MeterRegistry} as the
 * {@link ZokioMeters}. Every tag value comes from a fixed set. Request latency is a {@link Timer}
 * with a percentile histogram up to 30 seconds and buckets at 100, 250 and 500 microseconds (the
 * percentile buckets start at one millisecond), which {@code management.metrics.distribution.*}
 * properties for {@code zokio.requests} override. On a server with TLS, the {@code zokio.tls.*}
 * meters are bound too, handshake time being a timer of the same shape without the
 * sub-millisecond buckets.
 */
public final class ZokioMetrics implements MeterBinder, AutoCloseable {

	private final ConnectionStatistics statistics;

	private static final Duration MIN_EXPECTED_LATENCY = Duration.ofNanos(100_000);

	private static final Duration MAX_EXPECTED_LATENCY = Duration.ofSeconds(30);

	private static final Duration[] SUB_MILLISECOND_BUCKETS = { Duration.ofNanos(100_000), Duration.ofNanos(250_000),
			Duration.ofNanos(500_000) };

	private final List<Meter> meters = new ArrayList<>();

	private final List<Runnable> observers = new ArrayList<>();

	private final boolean tls;

	private MeterRegistry registry;

	/**
	 * Create a binder of the given statistics.
	 * @param statistics the statistics
	 * @param tls whether the server has TLS, so that the {@code zokio.tls.*} meters are bound
	 */
	public ZokioMetrics(ConnectionStatistics statistics, boolean tls) {
		this.statistics = statistics;
		this.tls = tls;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		gauge(ZokioMeters.CONNECTIONS_ACTIVE, Tags.empty(), ConnectionStatistics::active);
		for (ConnectionState state : ConnectionState.values()) {
			gauge(ZokioMeters.CONNECTIONS_STATES, Tags.of("state", state.id()), (stats) -> stats.inState(state));
		}
		counter(ZokioMeters.CONNECTIONS_ACCEPTED, Tags.empty(), ConnectionStatistics::accepted);
		for (CloseReason reason : CloseReason.values()) {
			counter(ZokioMeters.CONNECTIONS_CLOSED, Tags.of("reason", reason.id()), (stats) -> stats.closed(reason));
		}
		counter(ZokioMeters.REQUESTS, Tags.empty(), ConnectionStatistics::requests);
		gauge(ZokioMeters.REQUESTS_ACTIVE, Tags.empty(), ConnectionStatistics::inFlight);
		counter(ZokioMeters.REQUESTS_DECODE_ERRORS, Tags.empty(), ConnectionStatistics::decodeErrors);
		for (StatusClass statusClass : StatusClass.values()) {
			counter(ZokioMeters.RESPONSES, Tags.of("status", statusClass.id()),
					(stats) -> stats.responses(statusClass));
		}
		for (Refusal refusal : Refusal.values()) {
			counter(ZokioMeters.REQUESTS_REFUSED, Tags.of("reason", refusal.id()), (stats) -> stats.refused(refusal));
		}
		if (this.tls) {
			bindTls();
		}
		for (Http2Error error : Http2Error.values()) {
			counter(ZokioMeters.HTTP2_GOAWAY_SENT, Tags.of("error", error.name().toLowerCase(Locale.ROOT)),
					(stats) -> stats.goAwaySent(error));
		}
		counter(ZokioMeters.BYTES_READ, Tags.empty(), ConnectionStatistics::bytesRead);
		counter(ZokioMeters.BYTES_WRITTEN, Tags.empty(), ConnectionStatistics::bytesWritten);
		timer(ZokioMeters.REQUESTS_LATENCY, this.statistics::observeLatency, this.statistics::stopObservingLatency,
				SUB_MILLISECOND_BUCKETS);
	}

	private void bindTls() {
		counter(ZokioMeters.TLS_HANDSHAKES, Tags.of("outcome", "success", "cause", "none"),
				ConnectionStatistics::tlsHandshakes);
		for (TlsFailure failure : TlsFailure.values()) {
			counter(ZokioMeters.TLS_HANDSHAKES, Tags.of("outcome", "failure", "cause", failure.id()),
					(stats) -> stats.tlsHandshakeFailures(failure));
		}
		for (TlsVersion version : TlsVersion.values()) {
			counter(ZokioMeters.TLS_VERSIONS, Tags.of("version", version.id()), (stats) -> stats.tlsHandshakes(version));
		}
		for (AlpnProtocol protocol : AlpnProtocol.values()) {
			counter(ZokioMeters.TLS_ALPN, Tags.of("protocol", protocol.id()), (stats) -> stats.tlsHandshakes(protocol));
		}
		counter(ZokioMeters.TLS_RESUMED, Tags.empty(), ConnectionStatistics::tlsResumed);
		timer(ZokioMeters.TLS_HANDSHAKE_LATENCY, this.statistics::observeHandshakes,
				this.statistics::stopObservingHandshakes);
	}

	private void timer(ZokioMeters meter, Consumer<LongConsumer> observe, Consumer<LongConsumer> stopObserving,
			Duration... buckets) {
		Timer timer = Timer.builder(meter.getName())
			.description(meter.getDescription())
			.publishPercentileHistogram()
			.serviceLevelObjectives(buckets)
			.minimumExpectedValue(MIN_EXPECTED_LATENCY)
			.maximumExpectedValue(MAX_EXPECTED_LATENCY)
			.register(this.registry);
		this.meters.add(timer);
		LongConsumer observer = (nanos) -> timer.record(nanos, TimeUnit.NANOSECONDS);
		observe.accept(observer);
		this.observers.add(() -> stopObserving.accept(observer));
	}

	/**
	 * Remove every meter this binder registered.
	 */
	@Override
	public synchronized void close() {
		this.observers.forEach(Runnable::run);
		this.observers.clear();
		if (this.registry != null) {
			this.meters.forEach(this.registry::remove);
		}
		this.meters.clear();
	}

	private void gauge(ZokioMeters meter, Tags tags, ToDoubleFunction<ConnectionStatistics> value) {
		this.meters.add(Gauge.builder(meter.getName(), this.statistics, value)
			.tags(tags)
			.baseUnit(meter.getBaseUnit())
			.description(meter.getDescription())
			.register(this.registry));
	}

	private void counter(ZokioMeters meter, Tags tags, ToLongFunction<ConnectionStatistics> value) {
		this.meters.add(FunctionCounter.builder(meter.getName(), this.statistics, (stats) -> value.applyAsLong(stats))
			.tags(tags)
			.baseUnit(meter.getBaseUnit())
			.description(meter.getDescription())
			.register(this.registry));
	}

}
