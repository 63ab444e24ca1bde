package io.zokio.engine.stats;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.AlpnProtocol;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.TlsFailure;
import io.zokio.engine.pipeline.TlsHandshake;
import io.zokio.engine.pipeline.TlsVersion;

/**
 * Exact, aggregate statistics of a server's connections and requests. Holds counts only: no client
 * address, header value or URI is ever stored, and its size does not grow with the number of
 * connections. Recording is lock-free: counters that each event loop keeps apart and readers sum,
 * and an HdrHistogram recorder.
 */
public final class ConnectionStatistics {

	/**
	 * How long a response of unknown length is written, from its head, before it counts as a stream,
	 * unless told otherwise.
	 */
	public static final Duration DEFAULT_STREAM_THRESHOLD = Duration.ofSeconds(1);

	private static final int COUNT = CounterLayout.base(Count.class);

	private static final int IN_STATE = CounterLayout.base(ConnectionState.class);

	private static final int RESPONSES = CounterLayout.base(StatusClass.class);

	private static final int CLOSED_BY = CounterLayout.base(CloseReason.class);

	private static final int REFUSED = CounterLayout.base(Refusal.class);

	private static final int GO_AWAY_SENT = CounterLayout.base(Http2Error.class);

	private static final int TLS_FAILED_BY = CounterLayout.base(TlsFailure.class);

	private static final int TLS_VERSIONS = CounterLayout.base(TlsVersion.class);

	private static final int TLS_ALPN = CounterLayout.base(AlpnProtocol.class);

	private final Counters counters = new Counters(CounterLayout.SIZE);

	private final LongAccumulator maxRequestsPerConnection = new LongAccumulator(Math::max, 0);

	private final Timings timings;

	private final LongSupplier clock;

	private final long idleTimeoutNanos;

	private final long streamThresholdNanos;

	/**
	 * Create statistics with a latency window of the given length, on a server without an idle
	 * timeout.
	 * @param latencyWindow the length of the sliding latency window
	 */
	public ConnectionStatistics(Duration latencyWindow) {
		this(latencyWindow, Duration.ZERO, DEFAULT_STREAM_THRESHOLD);
	}

	/**
	 * Create statistics with a latency window of the given length, on a server whose idle timeout
	 * is given (connections it closes after waiting that long for a request are counted as idle
	 * timeouts), and that take a response of unknown length for a stream once it has been written
	 * for longer than the stream threshold.
	 * @param latencyWindow the length of the sliding latency window
	 * @param idleTimeout the server's idle timeout, zero for none
	 * @param streamThreshold how long a response of unknown length is written, from its head, before
	 * it counts as a stream
	 */
	public ConnectionStatistics(Duration latencyWindow, Duration idleTimeout, Duration streamThreshold) {
		this(latencyWindow, idleTimeout, streamThreshold, System::nanoTime);
	}

	ConnectionStatistics(Duration latencyWindow, Duration idleTimeout, Duration streamThreshold, LongSupplier clock) {
		this.clock = clock;
		this.idleTimeoutNanos = idleTimeout.toNanos();
		this.streamThresholdNanos = streamThreshold.toNanos();
		this.timings = new Timings(latencyWindow, clock.getAsLong());
	}

	/**
	 * Estimate the memory these statistics hold, whatever the number of connections: the histograms
	 * of latency, response heads and TLS handshakes (each recorder's two and its interval, the window's
	 * slices and sum, the since-start one) and the counters, one set per event loop that recorded.
	 * @return the estimated footprint in bytes
	 */
	public long estimatedFootprintBytes() {
		return this.timings.estimatedFootprintBytes() + this.counters.estimatedFootprintBytes();
	}

	long idleTimeoutNanos() {
		return this.idleTimeoutNanos;
	}

	long streamThresholdNanos() {
		return this.streamThresholdNanos;
	}

	/**
	 * Start tracking a newly accepted connection.
	 * @return the connection's tracker, to be used on its event loop only
	 */
	public ConnectionTracker connectionAccepted() {
		Counters.Shard shard = this.counters.shard();
		shard.increment(COUNT + Count.ACCEPTED.ordinal());
		shard.increment(IN_STATE + ConnectionState.ACCEPTED.ordinal());
		return new ConnectionTracker(this, shard, this.clock.getAsLong());
	}

	/**
	 * Return the number of live connections.
	 * @return the live connections
	 */
	public long active() {
		long active = 0;
		for (ConnectionState state : ConnectionState.values()) {
			active += this.counters.sum(IN_STATE + state.ordinal());
		}
		return active;
	}

	/**
	 * Take a snapshot of every counter; each is exact once traffic has stopped.
	 * @return the snapshot
	 */
	public StatisticsSnapshot snapshot() {
		long now = this.clock.getAsLong();
		return new StatisticsSnapshot(count(Count.ACCEPTED), counts(ConnectionState.class), counts(CloseReason.class),
				count(Count.REQUESTS), count(Count.IN_FLIGHT), count(Count.DECODE_ERRORS), count(Count.BYTES_READ),
				count(Count.BYTES_WRITTEN), counts(StatusClass.class), count(Count.LIFETIME_MICROS),
				this.maxRequestsPerConnection.get(), this.timings.latency().windowLength(),
				this.timings.latency().snapshotWindow(now), this.timings.latency().snapshotSinceStart(now),
				counts(Refusal.class), tlsSnapshot(now), counts(Http2Error.class),
				this.timings.head().snapshotWindow(now), this.timings.head().snapshotSinceStart(now),
				new StreamsSnapshot(count(Count.STREAMS), count(Count.STREAMS_ACTIVE), count(Count.STREAM_MICROS)));
	}

	/**
	 * Return the value of one counter: a {@link Count}, or the count of one constant of
	 * {@link ConnectionState} (live connections in that state), {@link StatusClass} (responses),
	 * {@link CloseReason} (closed connections), {@link Refusal} (refused requests),
	 * {@link Http2Error} (GOAWAY frames sent), {@link TlsFailure} (failed handshakes),
	 * {@link TlsVersion} or {@link AlpnProtocol} (completed handshakes). Each is exact once traffic
	 * has stopped.
	 * @param counter the counter
	 * @return its current value
	 * @throws IllegalArgumentException for a constant of an enum that is not counted
	 */
	public long count(Enum<?> counter) {
		return this.counters.sum(CounterLayout.slot(counter));
	}

	private <E extends Enum<E>> Map<E, Long> counts(Class<E> family) {
		Map<E, Long> counts = new EnumMap<>(family);
		int base = CounterLayout.base(family);
		for (E constant : family.getEnumConstants()) {
			counts.put(constant, this.counters.sum(base + constant.ordinal()));
		}
		return counts;
	}

	/**
	 * Hand every time of one kind, in nanoseconds, to an observer as well, on the thread that
	 * measured it.
	 * @param timing the kind of time
	 * @param observer the observer, which must be cheap and thread-safe
	 */
	public void observe(Timing timing, LongConsumer observer) {
		this.timings.observe(timing, observer);
	}

	/**
	 * Stop handing times of one kind to an observer.
	 * @param timing the kind of time
	 * @param observer the observer given to {@link #observe}
	 */
	public void stopObserving(Timing timing, LongConsumer observer) {
		this.timings.stopObserving(timing, observer);
	}

	private TlsSnapshot tlsSnapshot(long now) {
		return new TlsSnapshot(count(Count.TLS_HANDSHAKES), counts(TlsFailure.class), counts(TlsVersion.class),
				counts(AlpnProtocol.class), count(Count.TLS_RESUMED), count(Count.TLS_HANDSHAKE_MICROS),
				this.timings.handshake().snapshotWindow(now));
	}

	long nanoTime() {
		return this.clock.getAsLong();
	}

	void transition(Counters.Shard shard, ConnectionState from, ConnectionState to) {
		shard.add(IN_STATE + from.ordinal(), -1);
		shard.increment(IN_STATE + to.ordinal());
	}

	void requestReceived(Counters.Shard shard, boolean decodeFailed) {
		shard.increment(COUNT + Count.REQUESTS.ordinal());
		shard.increment(COUNT + Count.IN_FLIGHT.ordinal());
		if (decodeFailed) {
			shard.increment(COUNT + Count.DECODE_ERRORS.ordinal());
		}
	}

	void requestEnded(Counters.Shard shard) {
		shard.add(COUNT + Count.IN_FLIGHT.ordinal(), -1);
	}

	void responseStarted(Counters.Shard shard, int status) {
		StatusClass statusClass = StatusClass.of(status);
		if (statusClass != null) {
			shard.increment(RESPONSES + statusClass.ordinal());
		}
	}

	void requestCompleted(Counters.Shard shard, long latencyNanos, long nowNanos) {
		shard.add(COUNT + Count.IN_FLIGHT.ordinal(), -1);
		this.timings.record(Timing.LATENCY, latencyNanos, nowNanos);
	}

	void responseHead(long headNanos, long nowNanos) {
		this.timings.record(Timing.HEAD, headNanos, nowNanos);
	}

	void streamStarted(Counters.Shard shard) {
		shard.increment(COUNT + Count.STREAMS.ordinal());
		shard.increment(COUNT + Count.STREAMS_ACTIVE.ordinal());
	}

	/**
	 * Record a stream's end.
	 * @param shard the connection's counters
	 * @param durationNanos the stream's duration
	 * @param nowNanos the time it ended
	 * @param started whether it was counted when it started, as an event stream or an upgrade is
	 * @param answered whether its last byte was written, which ends its request
	 */
	void streamEnded(Counters.Shard shard, long durationNanos, long nowNanos, boolean started, boolean answered) {
		shard.add(COUNT + (started ? Count.STREAMS_ACTIVE : Count.STREAMS).ordinal(), started ? -1 : 1);
		shard.add(COUNT + Count.STREAM_MICROS.ordinal(), durationNanos / 1000);
		if (answered) {
			shard.add(COUNT + Count.IN_FLIGHT.ordinal(), -1);
		}
		this.timings.record(Timing.STREAM, durationNanos, nowNanos);
	}

	void requestRefused(Counters.Shard shard, Refusal refusal) {
		shard.increment(REFUSED + refusal.ordinal());
	}

	void recordGoAway(Counters.Shard shard, Http2Error error) {
		shard.increment(GO_AWAY_SENT + error.ordinal());
	}

	void tlsHandshakeEnded(Counters.Shard shard, TlsHandshake handshake) {
		TlsFailure failure = handshake.failure();
		if (failure != null) {
			shard.increment(TLS_FAILED_BY + failure.ordinal());
			return;
		}
		shard.increment(COUNT + Count.TLS_HANDSHAKES.ordinal());
		shard.add(COUNT + Count.TLS_HANDSHAKE_MICROS.ordinal(), handshake.nanos() / 1000);
		shard.increment(TLS_VERSIONS + handshake.version().ordinal());
		shard.increment(TLS_ALPN + handshake.alpn().ordinal());
		if (handshake.resumed()) {
			shard.increment(COUNT + Count.TLS_RESUMED.ordinal());
		}
		this.timings.record(Timing.HANDSHAKE, handshake.nanos(), this.clock.getAsLong());
	}

	void bytesRead(Counters.Shard shard, long bytes) {
		shard.add(COUNT + Count.BYTES_READ.ordinal(), bytes);
	}

	void bytesWritten(Counters.Shard shard, long bytes) {
		shard.add(COUNT + Count.BYTES_WRITTEN.ordinal(), bytes);
	}

	void connectionClosed(Counters.Shard shard, ConnectionState lastState, CloseReason reason,
			long unfinishedRequests, long requestCount, long lifetimeNanos) {
		shard.add(IN_STATE + lastState.ordinal(), -1);
		shard.increment(CLOSED_BY + reason.ordinal());
		if (unfinishedRequests > 0) {
			shard.add(COUNT + Count.IN_FLIGHT.ordinal(), -unfinishedRequests);
		}
		shard.add(COUNT + Count.LIFETIME_MICROS.ordinal(), lifetimeNanos / 1000);
		this.maxRequestsPerConnection.accumulate(requestCount);
	}

}
