package io.zokio.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.StatusClass;

/**
 * Binds the {@link ConnectionStatistics} of the application server to a {@link MeterRegistry} as the
 * {@link ZokioMeters}. Every tag value comes from a fixed set. Request latency is a {@link Timer}
 * with a percentile histogram up to 30 seconds and buckets at 100, 250 and 500 microseconds (the
 * percentile buckets start at one millisecond), which {@code management.metrics.distribution.*}
 * properties for {@code zokio.requests} override.
 */
public final class ZokioMetrics implements MeterBinder, AutoCloseable {

	private final ConnectionStatistics statistics;

	private static final Duration MIN_EXPECTED_LATENCY = Duration.ofNanos(100_000);

	private static final Duration MAX_EXPECTED_LATENCY = Duration.ofSeconds(30);

	private static final Duration[] SUB_MILLISECOND_BUCKETS = { Duration.ofNanos(100_000), Duration.ofNanos(250_000),
			Duration.ofNanos(500_000) };

	private final List<Meter> meters = new ArrayList<>();

	private final List<LongConsumer> latencyObservers = new ArrayList<>();

	private MeterRegistry registry;

	/**
	 * Create a binder of the given statistics.
	 * @param statistics the statistics
	 */
	public ZokioMetrics(ConnectionStatistics statistics) {
		this.statistics = statistics;
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
		counter(ZokioMeters.TLS_HANDSHAKES, Tags.of("outcome", "success"), ConnectionStatistics::tlsHandshakes);
		counter(ZokioMeters.TLS_HANDSHAKES, Tags.of("outcome", "failure"), ConnectionStatistics::tlsHandshakeFailures);
		for (Http2Error error : Http2Error.values()) {
			counter(ZokioMeters.HTTP2_GOAWAY_SENT, Tags.of("error", error.name().toLowerCase(Locale.ROOT)),
					(stats) -> stats.goAwaySent(error));
		}
		counter(ZokioMeters.BYTES_READ, Tags.empty(), ConnectionStatistics::bytesRead);
		counter(ZokioMeters.BYTES_WRITTEN, Tags.empty(), ConnectionStatistics::bytesWritten);
		Timer latency = Timer.builder(ZokioMeters.REQUESTS_LATENCY.getName())
			.description(ZokioMeters.REQUESTS_LATENCY.getDescription())
			.publishPercentileHistogram()
			.serviceLevelObjectives(SUB_MILLISECOND_BUCKETS)
			.minimumExpectedValue(MIN_EXPECTED_LATENCY)
			.maximumExpectedValue(MAX_EXPECTED_LATENCY)
			.register(registry);
		this.meters.add(latency);
		LongConsumer observer = (nanos) -> latency.record(nanos, TimeUnit.NANOSECONDS);
		this.statistics.observeLatency(observer);
		this.latencyObservers.add(observer);
	}

	/**
	 * Remove every meter this binder registered.
	 */
	@Override
	public synchronized void close() {
		this.latencyObservers.forEach(this.statistics::stopObservingLatency);
		this.latencyObservers.clear();
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
