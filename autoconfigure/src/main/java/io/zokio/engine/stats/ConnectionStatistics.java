package io.zokio.engine.stats;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.Refusal;

/**
 * Exact, aggregate statistics of a server's connections and requests. Holds counts only: no client
 * address, header value or URI is ever stored, and its size does not grow with the number of
 * connections. Recording is lock-free ({@link LongAdder}s and an HdrHistogram recorder).
 */
public final class ConnectionStatistics {

	private static final int ESTIMATED_ADDER_BYTES = 2 * 128 + 48;

	private final LongAdder accepted = new LongAdder();

	private final LongAdder[] closedBy = adders(CloseReason.values().length);

	private final LongAdder[] inState = adders(ConnectionState.values().length);

	private final LongAdder requests = new LongAdder();

	private final LongAdder inFlight = new LongAdder();

	private final LongAdder decodeErrors = new LongAdder();

	private final LongAdder bytesRead = new LongAdder();

	private final LongAdder bytesWritten = new LongAdder();

	private final LongAdder[] responses = adders(StatusClass.values().length);

	private final LongAdder[] refused = adders(Refusal.values().length);

	private final LongAdder[] goAwaySent = adders(Http2Error.values().length);

	private final LongAdder tlsHandshakes = new LongAdder();

	private final LongAdder tlsHandshakeFailures = new LongAdder();

	private final LongAdder tlsHandshakeMicros = new LongAdder();

	private final LongAdder lifetimeMicros = new LongAdder();

	private final LongAccumulator maxRequestsPerConnection = new LongAccumulator(Math::max, 0);

	private final LatencyRecorder latency;

	private final NanoClock clock;

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
	}

	/**
	 * Estimate the memory these statistics hold, whatever the number of connections: the latency
	 * histograms (the recorder's two and its interval, the window's slices and sum, the since-start
	 * one) and the counters.
	 * @return the estimated footprint in bytes
	 */
	public long estimatedFootprintBytes() {
		int adders = 12 + this.closedBy.length + this.inState.length + this.responses.length + this.refused.length
				+ this.goAwaySent.length;
		return this.latency.estimatedFootprintBytes() + adders * ESTIMATED_ADDER_BYTES;
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
		this.accepted.increment();
		this.inState[ConnectionState.ACCEPTED.ordinal()].increment();
		return new ConnectionTracker(this, this.clock.nanoTime());
	}

	/**
	 * Return the number of live connections.
	 * @return the live connections
	 */
	public long active() {
		long active = 0;
		for (LongAdder adder : this.inState) {
			active += adder.sum();
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
			states.put(state, this.inState[state.ordinal()].sum());
		}
		Map<CloseReason, Long> closed = new EnumMap<>(CloseReason.class);
		for (CloseReason reason : CloseReason.values()) {
			closed.put(reason, this.closedBy[reason.ordinal()].sum());
		}
		Map<StatusClass, Long> statuses = new EnumMap<>(StatusClass.class);
		for (StatusClass status : StatusClass.values()) {
			statuses.put(status, this.responses[status.ordinal()].sum());
		}
		Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
		for (Refusal refusal : Refusal.values()) {
			refusals.put(refusal, this.refused[refusal.ordinal()].sum());
		}
		Map<Http2Error, Long> goAways = new EnumMap<>(Http2Error.class);
		for (Http2Error error : Http2Error.values()) {
			goAways.put(error, this.goAwaySent[error.ordinal()].sum());
		}
		return new StatisticsSnapshot(this.accepted.sum(), states, closed, this.requests.sum(), this.inFlight.sum(),
				this.decodeErrors.sum(), this.bytesRead.sum(), this.bytesWritten.sum(), statuses,
				this.lifetimeMicros.sum(), this.maxRequestsPerConnection.get(), this.latency.windowLength(),
				this.latency.snapshotWindow(now), this.latency.snapshotSinceStart(now), refusals,
				new TlsSnapshot(this.tlsHandshakes.sum(), this.tlsHandshakeFailures.sum(), this.tlsHandshakeMicros.sum()),
				goAways);
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long accepted() {
		return this.accepted.sum();
	}

	/**
	 * Return the number of live connections in a state.
	 * @param state the state
	 * @return the number of connections
	 */
	public long inState(ConnectionState state) {
		return this.inState[state.ordinal()].sum();
	}

	/**
	 * Return the number of connections closed for a reason.
	 * @param reason the reason
	 * @return the number of connections
	 */
	public long closed(CloseReason reason) {
		return this.closedBy[reason.ordinal()].sum();
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long requests() {
		return this.requests.sum();
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long inFlight() {
		return this.inFlight.sum();
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long decodeErrors() {
		return this.decodeErrors.sum();
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long bytesRead() {
		return this.bytesRead.sum();
	}

	/**
	 * Return the counter of the same name.
	 * @return the current value
	 */
	public long bytesWritten() {
		return this.bytesWritten.sum();
	}

	/**
	 * Return the number of responses of a status class.
	 * @param statusClass the status class
	 * @return the number of responses
	 */
	public long responses(StatusClass statusClass) {
		return this.responses[statusClass.ordinal()].sum();
	}

	/**
	 * Return the number of requests the server refused for a reason.
	 * @param refusal the reason
	 * @return the refusals
	 */
	public long refused(Refusal refusal) {
		return this.refused[refusal.ordinal()].sum();
	}

	/**
	 * Return the number of TLS handshakes that completed.
	 * @return the handshakes
	 */
	public long tlsHandshakes() {
		return this.tlsHandshakes.sum();
	}

	/**
	 * Return the number of TLS handshakes that failed.
	 * @return the failed handshakes
	 */
	public long tlsHandshakeFailures() {
		return this.tlsHandshakeFailures.sum();
	}

	/**
	 * Return latency percentiles over the sliding window.
	 * @return the percentiles, in microseconds
	 */
	public LatencySnapshot latencyWindow() {
		return this.latency.snapshotWindow(this.clock.nanoTime());
	}

	long nanoTime() {
		return this.clock.nanoTime();
	}

	void transition(ConnectionState from, ConnectionState to) {
		this.inState[from.ordinal()].decrement();
		this.inState[to.ordinal()].increment();
	}

	void requestReceived(boolean decodeFailed) {
		this.requests.increment();
		this.inFlight.increment();
		if (decodeFailed) {
			this.decodeErrors.increment();
		}
	}

	void requestAbandoned() {
		this.inFlight.decrement();
	}

	void responseStarted(int status) {
		StatusClass statusClass = StatusClass.of(status);
		if (statusClass != null) {
			this.responses[statusClass.ordinal()].increment();
		}
	}

	void requestCompleted(long latencyNanos, long nowNanos) {
		this.inFlight.decrement();
		this.latency.record(latencyNanos / 1000, nowNanos);
	}

	void requestRefused(Refusal refusal) {
		this.refused[refusal.ordinal()].increment();
	}

	void recordGoAway(Http2Error error) {
		this.goAwaySent[error.ordinal()].increment();
	}

	/**
	 * Return the number of HTTP/2 connections Netty's codec sent GOAWAY on with an error code.
	 * @param error the error code
	 * @return the GOAWAY frames sent
	 */
	public long goAwaySent(Http2Error error) {
		return this.goAwaySent[error.ordinal()].sum();
	}

	void tlsHandshakeEnded(boolean succeeded, long nanos) {
		if (succeeded) {
			this.tlsHandshakes.increment();
			this.tlsHandshakeMicros.add(nanos / 1000);
		}
		else {
			this.tlsHandshakeFailures.increment();
		}
	}

	void bytesRead(long bytes) {
		this.bytesRead.add(bytes);
	}

	void bytesWritten(long bytes) {
		this.bytesWritten.add(bytes);
	}

	void connectionClosed(ConnectionState lastState, CloseReason reason, long unfinishedRequests, long requestCount,
			long lifetimeNanos) {
		this.inState[lastState.ordinal()].decrement();
		this.closedBy[reason.ordinal()].increment();
		if (unfinishedRequests > 0) {
			this.inFlight.add(-unfinishedRequests);
		}
		this.lifetimeMicros.add(lifetimeNanos / 1000);
		this.maxRequestsPerConnection.accumulate(requestCount);
	}

	private static LongAdder[] adders(int count) {
		LongAdder[] adders = new LongAdder[count];
		for (int i = 0; i < count; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

	/**
	 * A source of monotonic nanosecond time.
	 */
	@FunctionalInterface
	interface NanoClock {

		long nanoTime();

	}

}
