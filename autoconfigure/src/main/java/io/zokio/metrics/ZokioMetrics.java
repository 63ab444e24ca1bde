package io.zokio.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

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
import io.zokio.engine.stats.Count;
import io.zokio.engine.stats.StatusClass;
import io.zokio.engine.stats.Timing;
import io.zokio.metrics.ZokioMeters.ZokioKeyNames;
import org.jspecify.annotations.Nullable;

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

	private @Nullable MeterRegistry registry;

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
			gauge(ZokioMeters.CONNECTIONS_STATES, tags(ZokioKeyNames.STATE, state.id()), (stats) -> stats.count(state));
		}
		counter(ZokioMeters.CONNECTIONS_ACCEPTED, Tags.empty(), Count.ACCEPTED);
		for (CloseReason reason : CloseReason.values()) {
			counter(ZokioMeters.CONNECTIONS_CLOSED, tags(ZokioKeyNames.REASON, reason.id()), reason);
		}
		counter(ZokioMeters.REQUESTS, Tags.empty(), Count.REQUESTS);
		gauge(ZokioMeters.REQUESTS_ACTIVE, Tags.empty(), (stats) -> stats.count(Count.IN_FLIGHT));
		counter(ZokioMeters.REQUESTS_DECODE_ERRORS, Tags.empty(), Count.DECODE_ERRORS);
		for (StatusClass statusClass : StatusClass.values()) {
			counter(ZokioMeters.RESPONSES, tags(ZokioKeyNames.STATUS, statusClass.id()), statusClass);
		}
		for (Refusal refusal : Refusal.values()) {
			counter(ZokioMeters.REQUESTS_REFUSED, tags(ZokioKeyNames.REASON, refusal.id()), refusal);
		}
		if (this.tls) {
			bindTls();
		}
		for (Http2Error error : Http2Error.values()) {
			counter(ZokioMeters.HTTP2_GOAWAY_SENT, tags(ZokioKeyNames.ERROR, error.name().toLowerCase(Locale.ROOT)),
					error);
		}
		counter(ZokioMeters.BYTES_READ, Tags.empty(), Count.BYTES_READ);
		counter(ZokioMeters.BYTES_WRITTEN, Tags.empty(), Count.BYTES_WRITTEN);
		timer(ZokioMeters.REQUESTS_LATENCY, Timing.LATENCY, SUB_MILLISECOND_BUCKETS);
		timer(ZokioMeters.REQUESTS_HEAD, Timing.HEAD, SUB_MILLISECOND_BUCKETS);
		gauge(ZokioMeters.STREAMS_ACTIVE, Tags.empty(), (stats) -> stats.count(Count.STREAMS_ACTIVE));
		timer(ZokioMeters.STREAMS, Timing.STREAM);
	}

	private void bindTls() {
		counter(ZokioMeters.TLS_HANDSHAKES, Tags.of(ZokioKeyNames.OUTCOME.asString(), "success",
				ZokioKeyNames.CAUSE.asString(), "none"), Count.TLS_HANDSHAKES);
		for (TlsFailure failure : TlsFailure.values()) {
			counter(ZokioMeters.TLS_HANDSHAKES, Tags.of(ZokioKeyNames.OUTCOME.asString(), "failure",
					ZokioKeyNames.CAUSE.asString(), failure.id()), failure);
		}
		for (TlsVersion version : TlsVersion.values()) {
			counter(ZokioMeters.TLS_VERSIONS, tags(ZokioKeyNames.VERSION, version.id()), version);
		}
		for (AlpnProtocol protocol : AlpnProtocol.values()) {
			counter(ZokioMeters.TLS_ALPN, tags(ZokioKeyNames.PROTOCOL, protocol.id()), protocol);
		}
		counter(ZokioMeters.TLS_RESUMED, Tags.empty(), Count.TLS_RESUMED);
		timer(ZokioMeters.TLS_HANDSHAKE_LATENCY, Timing.HANDSHAKE);
	}

	private void timer(ZokioMeters meter, Timing timing, Duration... buckets) {
		Timer timer = Timer.builder(meter.getName())
			.description(meter.getDescription())
			.publishPercentileHistogram()
			.serviceLevelObjectives(buckets)
			.minimumExpectedValue(MIN_EXPECTED_LATENCY)
			.maximumExpectedValue(MAX_EXPECTED_LATENCY)
			.register(registry());
		this.meters.add(timer);
		LongConsumer observer = (nanos) -> timer.record(nanos, TimeUnit.NANOSECONDS);
		this.statistics.observe(timing, observer);
		this.observers.add(() -> this.statistics.stopObserving(timing, observer));
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

	private MeterRegistry registry() {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			throw new IllegalStateException("Not bound to a registry");
		}
		return registry;
	}

	private void gauge(ZokioMeters meter, Tags tags, ToDoubleFunction<ConnectionStatistics> value) {
		this.meters.add(Gauge.builder(meter.getName(), this.statistics, value)
			.tags(tags)
			.baseUnit(meter.getBaseUnit())
			.description(meter.getDescription())
			.register(registry()));
	}

	private static Tags tags(ZokioKeyNames key, String value) {
		return Tags.of(key.asString(), value);
	}

	private void counter(ZokioMeters meter, Tags tags, Enum<?> counter) {
		this.meters.add(FunctionCounter.builder(meter.getName(), this.statistics, (stats) -> stats.count(counter))
			.tags(tags)
			.baseUnit(meter.getBaseUnit())
			.description(meter.getDescription())
			.register(registry()));
	}

}
