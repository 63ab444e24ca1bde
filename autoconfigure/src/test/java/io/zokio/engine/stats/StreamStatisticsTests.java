package io.zokio.engine.stats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.HttpProtocol;
import io.zokio.engine.pipeline.ResponseKind;
import io.zokio.test.Exchanges;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamStatisticsTests {

	private static final Duration THRESHOLD = Duration.ofSeconds(1);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final ConnectionStatistics statistics = new ConnectionStatistics(Duration.ofSeconds(60), Duration.ZERO,
			THRESHOLD, this.nanos::get);

	@Test
	void recordsTheTimeToTheHeadApartFromTheLatency() {
		List<Long> heads = new CopyOnWriteArrayList<>();
		this.statistics.observe(Timing.HEAD, heads::add);
		ConnectionTracker tracker = requested();
		pass(Duration.ofMillis(2));
		tracker.responseStarted(200, ResponseKind.SIZED);
		pass(Duration.ofMillis(5));
		tracker.responseEnded(true);
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.latency().count()).isOne();
		assertThat(snapshot.latency().p50()).isBetween(6930L, 7070L);
		assertThat(snapshot.head().count()).isOne();
		assertThat(snapshot.head().p50()).isBetween(1980L, 2020L);
		assertThat(snapshot.headSinceStart().count()).isOne();
		assertThat(heads).containsExactly(Duration.ofMillis(2).toNanos());
		assertThat(snapshot.streams()).isEqualTo(new StreamsSnapshot(0, 0, 0));
	}

	@Test
	void keepsAnEventStreamOutOfTheLatencyFromItsHeadOn() {
		List<Long> streams = new CopyOnWriteArrayList<>();
		this.statistics.observe(Timing.STREAM, streams::add);
		ConnectionTracker tracker = requested();
		pass(Duration.ofMillis(1));
		tracker.responseStarted(200, ResponseKind.EVENT_STREAM);
		assertThat(this.statistics.snapshot().streams()).isEqualTo(new StreamsSnapshot(1, 1, 0));
		pass(Duration.ofSeconds(10));
		tracker.responseEnded(true);
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.latency().count()).isZero();
		assertThat(snapshot.head().count()).isOne();
		assertThat(snapshot.head().p50()).isBetween(990L, 1010L);
		assertThat(snapshot.streams()).isEqualTo(new StreamsSnapshot(1, 0, 10_001_000));
		assertThat(streams).containsExactly(Duration.ofMillis(10_001).toNanos());
		assertThat(snapshot.inFlight()).isZero();
		assertThat(tracker.state()).isEqualTo(ConnectionState.IDLE);
	}

	@Test
	void takesAResponseOfUnknownLengthForAStreamOnlyPastTheThreshold() {
		ConnectionTracker tracker = requested();
		tracker.responseStarted(200, ResponseKind.OPEN);
		pass(THRESHOLD);
		tracker.responseEnded(true);
		assertThat(this.statistics.snapshot().latency().count()).isOne();
		assertThat(this.statistics.snapshot().streams().count()).isZero();
		tracker.bytesRead(10);
		tracker.requestReceived(false);
		tracker.responseStarted(200, ResponseKind.OPEN);
		pass(THRESHOLD.plusNanos(1));
		tracker.responseEnded(true);
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.latency().count()).isOne();
		assertThat(snapshot.head().count()).isEqualTo(2);
		assertThat(snapshot.streams()).isEqualTo(new StreamsSnapshot(1, 0, 1_000_000));
		assertThat(snapshot.inFlight()).isZero();
	}

	@Test
	void keepsAnUpgradedConnectionAStreamUntilItCloses() {
		ConnectionTracker tracker = requested();
		tracker.responseStarted(101, ResponseKind.UPGRADE);
		tracker.responseEnded(true);
		assertThat(this.statistics.snapshot().streams()).isEqualTo(new StreamsSnapshot(1, 1, 0));
		assertThat(this.statistics.count(Count.IN_FLIGHT)).as("the handshake answered").isZero();
		assertThat(tracker.state()).isEqualTo(ConnectionState.IDLE);
		tracker.bytesRead(64);
		assertThat(tracker.state()).as("frames are not requests").isEqualTo(ConnectionState.IDLE);
		pass(Duration.ofSeconds(30));
		tracker.closed();
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.streams()).isEqualTo(new StreamsSnapshot(1, 0, 30_000_000));
		assertThat(snapshot.latency().count()).isZero();
		assertThat(snapshot.head().count()).isOne();
		assertThat(snapshot.inFlight()).isZero();
	}

	@Test
	void endsTheStreamsOfAnHttp2ConnectionThatCloses() {
		ConnectionTracker tracker = http2();
		ExchangeListener events = tracker.streamOpened(Exchanges.NONE);
		ExchangeListener plain = tracker.streamOpened(Exchanges.NONE);
		pass(Duration.ofMillis(3));
		events.responseStarted(200, ResponseKind.EVENT_STREAM);
		plain.responseStarted(200, ResponseKind.SIZED);
		plain.responseEnded(true);
		assertThat(this.statistics.snapshot().streams()).isEqualTo(new StreamsSnapshot(1, 1, 0));
		pass(Duration.ofSeconds(2));
		tracker.closed();
		events.closed();
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.streams()).isEqualTo(new StreamsSnapshot(1, 0, 2_000_000));
		assertThat(snapshot.latency().count()).isOne();
		assertThat(snapshot.head().count()).isEqualTo(2);
		assertThat(snapshot.inFlight()).isZero();
	}

	@Test
	void endsAnHttp2EventStreamWithItsLastByte() {
		ConnectionTracker tracker = http2();
		ExchangeListener events = tracker.streamOpened(Exchanges.NONE);
		events.responseStarted(200, ResponseKind.EVENT_STREAM);
		pass(Duration.ofSeconds(4));
		events.responseEnded(true);
		events.closed();
		StatisticsSnapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.streams()).isEqualTo(new StreamsSnapshot(1, 0, 4_000_000));
		assertThat(snapshot.latency().count()).isZero();
		assertThat(snapshot.inFlight()).isZero();
		assertThat(tracker.state()).isEqualTo(ConnectionState.IDLE);
	}

	private ConnectionTracker requested() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.bytesRead(10);
		tracker.requestReceived(false);
		return tracker;
	}

	private ConnectionTracker http2() {
		ConnectionTracker tracker = this.statistics.connectionAccepted();
		tracker.protocolSelected(HttpProtocol.HTTP_2, false);
		return tracker;
	}

	private void pass(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
