package io.zokio.engine.stats;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.LongConsumer;

import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.AlpnProtocol;
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

	private static final int ACCEPTED = 0;

	private static final int REQUESTS = 1;

	private static final int IN_FLIGHT = 2;

	private static final int DECODE_ERRORS = 3;

	private static final int BYTES_READ = 4;

	private static final int BYTES_WRITTEN = 5;

	private static final int LIFETIME_MICROS = 6;

	private static final int TLS_HANDSHAKES = 7;

	private static final int TLS_RESUMED = 8;

	private static final int TLS_HANDSHAKE_MICROS = 9;

	private static final int IN_STATE = 10;

	private static final int RESPONSES = IN_STATE + ConnectionState.values().length;

	private static final int CLOSED_BY = RESPONSES + StatusClass.values().length;

	private static final int REFUSED = CLOSED_BY + CloseReason.values().length;

	private static final int GO_AWAY_SENT = REFUSED + Refusal.values().length;

	private static final int TLS_FAILED_BY = GO_AWAY_SENT + Http2Error.values().length;

	private static final int TLS_VERSIONS = TLS_FAILED_BY + TlsFailure.values().length;

	private static final int TLS_ALPN = TLS_VERSIONS + TlsVersion.values().length;

	private static final int COUNTERS = TLS_ALPN + AlpnProtocol.values().length;

	private final Counters counters = new Counters(COUNTERS);

	private final LongAccumulator maxRequestsPerConnection = new LongAccumulator(Math::max, 0);

	private final LatencyRecorder latency;

	private final LatencyRecorder handshakeLatency;

	private final NanoClock clock;

	private final LatencyObservers latencyObservers = new LatencyObservers();

	private final LatencyObservers handshakeObservers = new LatencyObservers();

	private volatile long idleTimeoutNanos;

	/**
	 * Create statistics with a latency window of the given length.
	 * @param latencyWindow the length of the sliding latency window
	 */
	public ConnectionStatistics(Duration latencyWindow) {
		this(latencyWindow, System::nanoTime);
	}

	ConnectionStatistics(Duration latencyWindow, NanoClock clock) {
		this.clock = clock;
		this.latency = new LatencyRecorder(latencyWindow, clock.nanoTime());
		this.handshakeLatency = LatencyRecorder.compact(latencyWindow, clock.nanoTime());
	}

	/**
	 * Estimate the memory these statistics hold, whatever the number of connections: the latency
	 * histograms of requests and of TLS handshakes (each recorder's two and its interval, the
	 * window's slices and sum, the since-start one) and the counters, one set for each event loop
	 * that has recorded.
	 * @return the estimated footprint in bytes
	 */
	public long estimatedFootprintBytes() {
		return this.latency.estimatedFootprintBytes() + this.handshakeLatency.estimatedFootprintBytes()
				+ this.counters.estimatedFootprintBytes();
	}

	/**
	 * Set the server's idle timeout, so that connections it closes after waiting that long for a
	 * request are counted as idle timeouts.
	 * @param idleTimeout the idle timeout, or {@code null} for none
	 */
	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeoutNanos = (idleTimeout != null) ? idleTimeout.toNanos() : 0;
	}

	long idleTimeoutNanos() {
		return this.idleTimeoutNanos;
	}

	/**
	 * Start tracking a newly accepted connection.
	 * @return the connection's tracker, to be used on its event loop only
	 */
	public ConnectionTracker connectionAccepted() {
		Counters.Shard shard = this.counters.shard();
		shard.increment(ACCEPTED);
		shard.increment(IN_STATE + ConnectionState.ACCEPTED.ordinal());
		return new ConnectionTracker(this, shard, this.clock.nanoTime());
	}

	/**
	 * Return the number of live connections.
	 * @return the live connections
	 */
	public long active() {
		long active = 0;
		for (ConnectionState state : ConnectionState.values()) {
			active += inState(state);
		}
		return active;
	}

	/**
	 * Take a snapshot of every counter; each is exact once traffic has stopped.
	 * @return the snapshot
	 */
	public StatisticsSnapshot snapshot() {
		long now = this.clock.nanoTime();
		Map<ConnectionState, Long> states = new EnumMap<>(ConnectionState.class);
		for (ConnectionState state : ConnectionState.values()) {
			states.put(state, inState(state));
		}
		Map<CloseReason, Long> closed = new EnumMap<>(CloseReason.class);
		for (CloseReason reason : CloseReason.values()) {
			closed.put(reason, closed(reason));
		}
		Map<StatusClass, Long> statuses = new EnumMap<>(StatusClass.class);
		for (StatusClass status : StatusClass.values()) {
			statuses.put(status, responses(status));
		}
		Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
		for (Refusal refusal : Refusal.values()) {
			refusals.put(refusal, refused(refusal));
		}
		Map<Http2Error, Long> goAways = new EnumMap<>(Http2Error.class);
		for (Http2Error error : Http2Error.values()) {
			goAways.put(error, goAwaySent(error));
		}
		return new StatisticsSnapshot(accepted(), states, closed, requests(), inFlight(), decodeErrors(), bytesRead(),
				bytesWritten(), statuses, this.counters.sum(LIFETIME_MICROS), this.maxRequestsPerConnection.get(), this.latency.windowLength(),
				this.latency.snapshotWindow(now), this.latency.snapshotSinceStart(now), refusals,
				tlsSnapshot(now), goAways);
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long accepted() {
		return this.counters.sum(ACCEPTED);
	}

	/**
	 * Return the number of live connections in a state.
	 * @param state the state
	 * @return the number of connections
	 */
	public long inState(ConnectionState state) {
		return this.counters.sum(IN_STATE + state.ordinal());
	}

	/**
	 * Return the number of connections closed for a reason.
	 * @param reason the reason
	 * @return the number of connections
	 */
	public long closed(CloseReason reason) {
		return this.counters.sum(CLOSED_BY + reason.ordinal());
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long requests() {
		return this.counters.sum(REQUESTS);
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long inFlight() {
		return this.counters.sum(IN_FLIGHT);
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long decodeErrors() {
		return this.counters.sum(DECODE_ERRORS);
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long bytesRead() {
		return this.counters.sum(BYTES_READ);
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long bytesWritten() {
		return this.counters.sum(BYTES_WRITTEN);
	}

	/**
	 * Return the number of responses of a status class.
	 * @param statusClass the status class
	 * @return the number of responses
	 */
	public long responses(StatusClass statusClass) {
		return this.counters.sum(RESPONSES + statusClass.ordinal());
	}

	/**
	 * Return the number of requests the server refused for a reason.
	 * @param refusal the reason
	 * @return the refusals
	 */
	public long refused(Refusal refusal) {
		return this.counters.sum(REFUSED + refusal.ordinal());
	}

	/**
	 * Return the number of TLS handshakes that completed.
	 * @return the handshakes
	 */
	public long tlsHandshakes() {
		return this.counters.sum(TLS_HANDSHAKES);
	}

	/**
	 * Return the number of TLS handshakes that failed for a class of causes.
	 * @param failure the class of causes
	 * @return the failed handshakes
	 */
	public long tlsHandshakeFailures(TlsFailure failure) {
		return this.counters.sum(TLS_FAILED_BY + failure.ordinal());
	}

	/**
	 * Return the number of completed TLS handshakes that negotiated a version.
	 * @param version the version
	 * @return the handshakes
	 */
	public long tlsHandshakes(TlsVersion version) {
		return this.counters.sum(TLS_VERSIONS + version.ordinal());
	}

	/**
	 * Return the number of completed TLS handshakes in which ALPN chose a protocol.
	 * @param protocol the protocol, {@link AlpnProtocol#NONE} for none
	 * @return the handshakes
	 */
	public long tlsHandshakes(AlpnProtocol protocol) {
		return this.counters.sum(TLS_ALPN + protocol.ordinal());
	}

	/**
	 * Return the number of completed TLS handshakes that resumed an earlier session.
	 * @return the resumed handshakes
	 */
	public long tlsResumed() {
		return this.counters.sum(TLS_RESUMED);
	}

	/**
	 * Hand the time of every completed TLS handshake, in nanoseconds from accept, to an observer
	 * as well, on the connection's event loop.
	 * @param observer the observer, which must be cheap and thread-safe
	 */
	public void observeHandshakes(LongConsumer observer) {
		this.handshakeObservers.add(observer);
	}

	/**
	 * Stop handing handshake times to an observer.
	 * @param observer the observer given to {@link #observeHandshakes}
	 */
	public void stopObservingHandshakes(LongConsumer observer) {
		this.handshakeObservers.remove(observer);
	}

	private TlsSnapshot tlsSnapshot(long now) {
		Map<TlsFailure, Long> failures = new EnumMap<>(TlsFailure.class);
		for (TlsFailure failure : TlsFailure.values()) {
			failures.put(failure, tlsHandshakeFailures(failure));
		}
		Map<TlsVersion, Long> versions = new EnumMap<>(TlsVersion.class);
		for (TlsVersion version : TlsVersion.values()) {
			versions.put(version, tlsHandshakes(version));
		}
		Map<AlpnProtocol, Long> alpn = new EnumMap<>(AlpnProtocol.class);
		for (AlpnProtocol protocol : AlpnProtocol.values()) {
			alpn.put(protocol, tlsHandshakes(protocol));
		}
		return new TlsSnapshot(tlsHandshakes(), failures, versions, alpn, tlsResumed(),
				this.counters.sum(TLS_HANDSHAKE_MICROS), this.handshakeLatency.snapshotWindow(now));
	}

	/**
	 * Return latency percentiles over the sliding window.
	 * @return the percentiles, in microseconds
	 */
	public LatencySnapshot latencyWindow() {
		return this.latency.snapshotWindow(this.clock.nanoTime());
	}

	/**
	 * Hand the latency of every completed request, in nanoseconds, to an observer as well, on the
	 * thread that completed it.
	 * @param observer the observer, which must be cheap and thread-safe
	 */
	public void observeLatency(LongConsumer observer) {
		this.latencyObservers.add(observer);
	}

	/**
	 * Stop handing latencies to an observer.
	 * @param observer the observer given to {@link #observeLatency}
	 */
	public void stopObservingLatency(LongConsumer observer) {
		this.latencyObservers.remove(observer);
	}

	long nanoTime() {
		return this.clock.nanoTime();
	}

	void transition(Counters.Shard shard, ConnectionState from, ConnectionState to) {
		shard.add(IN_STATE + from.ordinal(), -1);
		shard.increment(IN_STATE + to.ordinal());
	}

	void requestReceived(Counters.Shard shard, boolean decodeFailed) {
		shard.increment(REQUESTS);
		shard.increment(IN_FLIGHT);
		if (decodeFailed) {
			shard.increment(DECODE_ERRORS);
		}
	}

	void requestAbandoned(Counters.Shard shard) {
		shard.add(IN_FLIGHT, -1);
	}

	void responseStarted(Counters.Shard shard, int status) {
		StatusClass statusClass = StatusClass.of(status);
		if (statusClass != null) {
			shard.increment(RESPONSES + statusClass.ordinal());
		}
	}

	void requestCompleted(Counters.Shard shard, long latencyNanos, long nowNanos) {
		shard.add(IN_FLIGHT, -1);
		this.latency.record(latencyNanos / 1000, nowNanos);
		this.latencyObservers.accept(latencyNanos);
	}

	void requestRefused(Counters.Shard shard, Refusal refusal) {
		shard.increment(REFUSED + refusal.ordinal());
	}

	void recordGoAway(Counters.Shard shard, Http2Error error) {
		shard.increment(GO_AWAY_SENT + error.ordinal());
	}

	/**
	 * Return the number of HTTP/2 connections Netty's codec sent GOAWAY on with an error code.
	 * @param error the error code
	 * @return the GOAWAY frames sent
	 */
	public long goAwaySent(Http2Error error) {
		return this.counters.sum(GO_AWAY_SENT + error.ordinal());
	}

	void tlsHandshakeEnded(Counters.Shard shard, TlsHandshake handshake) {
		TlsFailure failure = handshake.failure();
		if (failure != null) {
			shard.increment(TLS_FAILED_BY + failure.ordinal());
			return;
		}
		shard.increment(TLS_HANDSHAKES);
		shard.add(TLS_HANDSHAKE_MICROS, handshake.nanos() / 1000);
		shard.increment(TLS_VERSIONS + handshake.version().ordinal());
		shard.increment(TLS_ALPN + handshake.alpn().ordinal());
		if (handshake.resumed()) {
			shard.increment(TLS_RESUMED);
		}
		this.handshakeLatency.record(handshake.nanos() / 1000, this.clock.nanoTime());
		this.handshakeObservers.accept(handshake.nanos());
	}

	void bytesRead(Counters.Shard shard, long bytes) {
		shard.add(BYTES_READ, bytes);
	}

	void bytesWritten(Counters.Shard shard, long bytes) {
		shard.add(BYTES_WRITTEN, bytes);
	}

	void connectionClosed(Counters.Shard shard, ConnectionState lastState, CloseReason reason,
			long unfinishedRequests, long requestCount, long lifetimeNanos) {
		shard.add(IN_STATE + lastState.ordinal(), -1);
		shard.increment(CLOSED_BY + reason.ordinal());
		if (unfinishedRequests > 0) {
			shard.add(IN_FLIGHT, -unfinishedRequests);
		}
		shard.add(LIFETIME_MICROS, lifetimeNanos / 1000);
		this.maxRequestsPerConnection.accumulate(requestCount);
	}

	/**
	 * A source of monotonic nanosecond time.
	 */
	@FunctionalInterface
	interface NanoClock {

		long nanoTime();

	}

}
