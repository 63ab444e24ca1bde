package io.zokio.engine.stats;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.zokio.engine.pipeline.AlpnProtocol;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.HttpProtocol;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ResponseKind;
import io.zokio.engine.pipeline.TlsFailure;
import io.zokio.engine.pipeline.TlsHandshake;
import io.zokio.engine.pipeline.TlsVersion;
import io.zokio.test.Exchanges;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTrackerTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final ConnectionStatistics statistics = new ConnectionStatistics(Duration.ofSeconds(60), Duration.ofSeconds(1),
			Duration.ofSeconds(1), this.nanos::get);

	@Test
	void walksEveryStateOfAKeepAliveExchange() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		assertThat(tracker.state()).isEqualTo(ConnectionState.ACCEPTED);
		assertThat(this.statistics.count(ConnectionState.ACCEPTED)).isOne();
		tracker.bytesRead(40);
		assertThat(tracker.state()).isEqualTo(ConnectionState.READING);
		tracker.requestReceived(false);
		assertThat(tracker.state()).isEqualTo(ConnectionState.PROCESSING);
		assertThat(this.statistics.count(Count.IN_FLIGHT)).isOne();
		this.nanos.addAndGet(Duration.ofMillis(3).toNanos());
		tracker.responseStarted(200, ResponseKind.SIZED);
		assertThat(tracker.state()).isEqualTo(ConnectionState.WRITING);
		tracker.bytesWritten(100);
		tracker.responseEnded(true);
		assertThat(tracker.state()).isEqualTo(ConnectionState.IDLE);
		assertThat(this.statistics.count(ConnectionState.IDLE)).isOne();
		assertThat(this.statistics.count(ConnectionState.WRITING)).isZero();
		tracker.closed();
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.active()).isZero();
		assertThat(snapshot.accepted()).isOne();
		assertThat(snapshot.closedBy().get(CloseReason.CLIENT)).isOne();
		assertThat(snapshot.requests()).isOne();
		assertThat(snapshot.inFlight()).isZero();
		assertThat(snapshot.bytesRead()).isEqualTo(40);
		assertThat(snapshot.bytesWritten()).isEqualTo(100);
		assertThat(snapshot.responses().get(StatusClass.SUCCESS)).isOne();
		assertThat(snapshot.latency().count()).isOne();
		assertThat(snapshot.latency().p50()).isBetween(2970L, 3030L);
		assertThat(snapshot.maxRequestsPerConnection()).isOne();
	}

	@Test
	void keepsTheFirstCloseReasonAndCountsAClosedConnectionOnce() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.closing(CloseReason.IDLE_TIMEOUT);
		tracker.closing(CloseReason.SERVER);
		tracker.closed();
		tracker.closed();
		assertThat(this.statistics.count(CloseReason.IDLE_TIMEOUT)).isOne();
		assertThat(this.statistics.count(CloseReason.SERVER)).isZero();
		assertThat(this.statistics.active()).isZero();
	}

	@Test
	void releasesTheInFlightRequestsOfAConnectionThatDies() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.bytesRead(10);
		tracker.requestReceived(false);
		tracker.closing(CloseReason.ERROR);
		tracker.closed();
		tracker.responseEnded(true);
		assertThat(this.statistics.count(Count.IN_FLIGHT)).isZero();
		assertThat(this.statistics.count(CloseReason.ERROR)).isOne();
		assertThat(this.statistics.snapshot().latency().count()).isZero();
	}

	@Test
	void countsInformationalResponsesWithoutEndingTheExchange() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.bytesRead(10);
		tracker.requestReceived(false);
		tracker.informationalResponse(100);
		assertThat(tracker.state()).isEqualTo(ConnectionState.PROCESSING);
		assertThat(this.statistics.count(StatusClass.INFORMATIONAL)).isOne();
		tracker.responseStarted(404, ResponseKind.SIZED);
		assertThat(this.statistics.count(StatusClass.CLIENT_ERROR)).isOne();
	}

	@Test
	void ignoresTheRemainsOfARequestTruncatedByTheClose() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.bytesRead(10);
		tracker.closed();
		tracker.requestReceived(true);
		assertThat(this.statistics.count(Count.REQUESTS)).isZero();
		assertThat(this.statistics.count(Count.IN_FLIGHT)).isZero();
	}

	@Test
	void countsDecodeErrors() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.bytesRead(10);
		tracker.requestReceived(true);
		assertThat(this.statistics.count(Count.DECODE_ERRORS)).isOne();
	}

	@Test
	void countsRejectedConnectionsAsAcceptedAndClosed() {
		ConnectionTracker rejected = this.statistics.connectionAccepted();
		rejected.closing(CloseReason.REJECTED);
		rejected.closed();
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.accepted()).isOne();
		assertThat(snapshot.rejected()).isOne();
		assertThat(snapshot.closed()).isOne();
		assertThat(snapshot.active()).isZero();
	}

	@Test
	void latencyLeavesTheWindowButStaysInTheSinceStartFigures() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		exchange(tracker, Duration.ofMillis(5));
		assertThat(this.statistics.snapshot().latency().count()).isOne();
		this.nanos.addAndGet(Duration.ofSeconds(61).toNanos());
		exchange(tracker, Duration.ofMillis(1));
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.latency().count()).isOne();
		assertThat(snapshot.latency().max()).isLessThan(1100);
		assertThat(snapshot.latencySinceStart().count()).isEqualTo(2);
		assertThat(snapshot.latencySinceStart().max()).isGreaterThan(4900);
		this.nanos.addAndGet(Duration.ofMinutes(30).toNanos());
		assertThat(this.statistics.snapshot().latency().count()).isZero();
	}

	@Test
	void percentilesFollowTheRecordedDistribution() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		for (int i = 1; i <= 1000; i++) {
			exchange(tracker, Duration.ofNanos(i * 1000L));
		}
		LatencySnapshot latency = this.statistics.snapshot().latency();
		assertThat(latency.count()).isEqualTo(1000);
		assertThat(latency.p50()).isBetween(495L, 505L);
		assertThat(latency.p99()).isBetween(985L, 1000L);
		assertThat(latency.max()).isBetween(995L, 1010L);
	}

	private void exchange(ConnectionTracker tracker, Duration latency) {
		tracker.bytesRead(10);
		tracker.requestReceived(false);
		this.nanos.addAndGet(latency.toNanos());
		tracker.responseStarted(200, ResponseKind.SIZED);
		tracker.responseEnded(true);
	}

	@Test
	void continuesAnUpgradedRequestOnStreamOneWithoutCountingItTwice() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.bytesRead(10);
		tracker.requestReceived(false);
		tracker.protocolSelected(HttpProtocol.HTTP_2, true);
		this.nanos.addAndGet(Duration.ofMillis(2).toNanos());
		ExchangeListener stream = tracker.streamOpened(Exchanges.NONE);
		stream.responseStarted(200, ResponseKind.SIZED);
		stream.responseEnded(true);
		ExchangeListener second = tracker.streamOpened(Exchanges.NONE);
		second.responseStarted(204, ResponseKind.SIZED);
		second.closed();
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.requests()).isEqualTo(2);
		assertThat(snapshot.inFlight()).isZero();
		assertThat(snapshot.responses().get(StatusClass.SUCCESS)).isEqualTo(2);
		assertThat(snapshot.latency().count()).isOne();
		assertThat(snapshot.latency().p50()).isBetween(1980L, 2020L);
		assertThat(tracker.state()).isEqualTo(ConnectionState.IDLE);
	}

	@Test
	void countsRefusalsByReasonAndTlsHandshakesByOutcome() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.tlsHandshakeEnded(new TlsHandshake(null, TlsVersion.TLS_1_3, AlpnProtocol.H2, true,
				Duration.ofMillis(3).toNanos()));
		tracker.refused(Refusal.CONTENT_TOO_LARGE);
		this.statistics.connectionAccepted()
			.tlsHandshakeEnded(new TlsHandshake(TlsFailure.CIPHER, TlsVersion.OTHER, AlpnProtocol.NONE, false, 1000));
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.refused().get(Refusal.CONTENT_TOO_LARGE)).isOne();
		assertThat(snapshot.refused().get(Refusal.HOST)).isZero();
		assertThat(snapshot.tls().handshakes()).isOne();
		assertThat(snapshot.tls().failed()).isOne();
		assertThat(snapshot.tls().failures()).containsEntry(TlsFailure.CIPHER, 1L).containsEntry(TlsFailure.PROTOCOL, 0L);
		assertThat(snapshot.tls().versions()).containsEntry(TlsVersion.TLS_1_3, 1L).containsEntry(TlsVersion.OTHER, 0L);
		assertThat(snapshot.tls().alpn()).containsEntry(AlpnProtocol.H2, 1L).containsEntry(AlpnProtocol.NONE, 0L);
		assertThat(snapshot.tls().resumed()).isOne();
		assertThat(snapshot.tls().meanHandshakeMicros()).isEqualTo(3000);
		assertThat(snapshot.tls().latency().count()).isOne();
		assertThat(snapshot.tls().latency().p50()).isBetween(2970L, 3030L);
	}

	@Test
	void countsAPlainServerCloseAfterAnIdleTimeoutAsAnIdleTimeout() {
		ConnectionTracker idle = this.statistics.connectionAccepted();
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		idle.closing(CloseReason.SERVER);
		idle.closed();
		ConnectionTracker busy = this.statistics.connectionAccepted();
		busy.closing(CloseReason.SERVER);
		busy.closed();
		assertThat(this.statistics.count(CloseReason.IDLE_TIMEOUT)).isOne();
		assertThat(this.statistics.count(CloseReason.SERVER)).isOne();
	}

}
