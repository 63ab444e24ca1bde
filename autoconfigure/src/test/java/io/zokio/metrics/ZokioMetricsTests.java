package io.zokio.metrics;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ResponseKind;
import io.zokio.engine.stats.ConnectionState;
import io.zokio.engine.stats.ConnectionStatistics;
import io.zokio.engine.stats.ConnectionTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics' meters on a {@link SimpleMeterRegistry}: each counter under its name and tags, the
 * TLS meters only on a server with TLS, and nothing left behind once closed.
 */
class ZokioMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ConnectionStatistics statistics = new ConnectionStatistics(Duration.ofSeconds(60));

	@Test
	void bindsEveryCounterUnderItsNameAndTags() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.bytesRead(40);
		tracker.requestReceived(false);
		tracker.refused(Refusal.HOST);
		tracker.responseStarted(400, ResponseKind.SIZED);
		tracker.bytesWritten(100);
		tracker.responseEnded(true);
		tracker.closing(CloseReason.REQUEST_TIMEOUT);
		tracker.closed();
		this.statistics.connectionAccepted();
		try (ZokioMetrics metrics = new ZokioMetrics(this.statistics, false)) {
			metrics.bindTo(this.registry);
			assertThat(counter(ZokioMeters.CONNECTIONS_ACCEPTED)).isEqualTo(2);
			assertThat(gauge(ZokioMeters.CONNECTIONS_ACTIVE)).isOne();
			assertThat(this.registry.get(ZokioMeters.CONNECTIONS_STATES.getName())
				.tag("state", ConnectionState.ACCEPTED.id())
				.gauge()
				.value()).isOne();
			assertThat(counter(ZokioMeters.CONNECTIONS_CLOSED, "reason", CloseReason.REQUEST_TIMEOUT.id())).isOne();
			assertThat(counter(ZokioMeters.CONNECTIONS_CLOSED, "reason", CloseReason.CLIENT.id())).isZero();
			assertThat(counter(ZokioMeters.REQUESTS_REFUSED, "reason", Refusal.HOST.id())).isOne();
			assertThat(counter(ZokioMeters.RESPONSES, "status", "4xx")).isOne();
			assertThat(counter(ZokioMeters.REQUESTS)).isOne();
			assertThat(gauge(ZokioMeters.REQUESTS_ACTIVE)).isZero();
			assertThat(counter(ZokioMeters.BYTES_READ)).isEqualTo(40);
			assertThat(counter(ZokioMeters.BYTES_WRITTEN)).isEqualTo(100);
			assertThat(counter(ZokioMeters.HTTP2_GOAWAY_SENT, "error", "enhance_your_calm")).isZero();
		}
	}

	@Test
	void recordsTheLatencyOfRequestsCompletedAfterBinding() {
		try (ZokioMetrics metrics = new ZokioMetrics(this.statistics, false)) {
			metrics.bindTo(this.registry);
			ConnectionTracker tracker = this.statistics.connectionAccepted();
			tracker.requestReceived(false);
			tracker.responseStarted(200, ResponseKind.SIZED);
			tracker.responseEnded(true);
			assertThat(this.registry.get(ZokioMeters.REQUESTS_LATENCY.getName()).timer().count()).isOne();
		}
	}

	@Test
	void timesStreamsApartFromRequestsAndEveryResponseHead() {
		try (ZokioMetrics metrics = new ZokioMetrics(this.statistics, false)) {
			metrics.bindTo(this.registry);
			ConnectionTracker tracker = this.statistics.connectionAccepted();
			tracker.requestReceived(false);
			tracker.responseStarted(200, ResponseKind.EVENT_STREAM);
			assertThat(gauge(ZokioMeters.STREAMS_ACTIVE)).isOne();
			tracker.responseEnded(true);
			tracker.requestReceived(false);
			tracker.responseStarted(200, ResponseKind.SIZED);
			tracker.responseEnded(true);
			assertThat(gauge(ZokioMeters.STREAMS_ACTIVE)).isZero();
			assertThat(this.registry.get(ZokioMeters.STREAMS.getName()).timer().count()).isOne();
			assertThat(this.registry.get(ZokioMeters.REQUESTS_LATENCY.getName()).timer().count()).isOne();
			assertThat(this.registry.get(ZokioMeters.REQUESTS_HEAD.getName()).timer().count()).isEqualTo(2);
		}
	}

	@Test
	void bindsTheTlsMetersOnlyOnAServerWithTls() {
		try (ZokioMetrics metrics = new ZokioMetrics(this.statistics, false)) {
			metrics.bindTo(this.registry);
			assertThat(this.registry.find(ZokioMeters.TLS_HANDSHAKES.getName()).meters()).isEmpty();
		}
		try (ZokioMetrics metrics = new ZokioMetrics(this.statistics, true)) {
			metrics.bindTo(this.registry);
			assertThat(this.registry.get(ZokioMeters.TLS_HANDSHAKES.getName())
				.tags("outcome", "success", "cause", "none")
				.functionCounter()
				.count()).isZero();
			assertThat(this.registry.find(ZokioMeters.TLS_HANDSHAKE_LATENCY.getName()).timer()).isNotNull();
		}
	}

	@Test
	void removesEveryMeterAndStopsObservingOnClose() {
		ZokioMetrics metrics = new ZokioMetrics(this.statistics, true);
		metrics.bindTo(this.registry);
		assertThat(this.registry.getMeters()).isNotEmpty();
		metrics.close();
		assertThat(this.registry.getMeters()).isEmpty();
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.requestReceived(false);
		tracker.responseStarted(200, ResponseKind.SIZED);
		tracker.responseEnded(true);
		assertThat(this.registry.getMeters()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource
	void namesEveryMeterWithoutRepeatingAWordOnceItsUnitIsAppended(ZokioMeters meter) {
		String unit = (meter.getType() == Meter.Type.TIMER) ? "seconds" : meter.getBaseUnit();
		List<String> words = List.of((meter.getName() + ((unit != null) ? "." + unit : "")).split("\\."));
		assertThat(words).as("the words of %s, as Prometheus shows it", meter.getName()).doesNotHaveDuplicates();
	}

	private double counter(ZokioMeters meter) {
		return this.registry.get(meter.getName()).functionCounter().count();
	}

	private double counter(ZokioMeters meter, String key, String value) {
		return this.registry.get(meter.getName()).tag(key, value).functionCounter().count();
	}

	private double gauge(ZokioMeters meter) {
		return this.registry.get(meter.getName()).gauge().value();
	}

}
