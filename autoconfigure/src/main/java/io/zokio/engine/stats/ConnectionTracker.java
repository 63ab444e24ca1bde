package io.zokio.engine.stats;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2Error;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.HttpProtocol;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ResponseKind;
import io.zokio.engine.pipeline.TlsHandshake;
import org.jspecify.annotations.Nullable;

/**
 * The state machine of one connection: {@code accepted → reading → processing → writing → idle →
 * closed}. Listens to the connection and to its HTTP/1.1 exchanges, allocating nothing per request;
 * each HTTP/2 stream gets a {@link StreamTracker} that records here. Used on the connection's loop.
 */
public final class ConnectionTracker implements ConnectionListener, ExchangeListener {

	private final ConnectionStatistics statistics;

	private final Counters.Shard counters;

	private final long acceptedNanos;

	private ConnectionState state = ConnectionState.ACCEPTED;

	private @Nullable CloseReason closeReason;

	private boolean closed;

	private final ExchangeTiming exchange;

	private int unfinishedRequests;

	private long requestCount;

	private long idleSinceNanos;

	private boolean upgradePending;

	private boolean multiplexed;

	private boolean upgraded;

	ConnectionTracker(ConnectionStatistics statistics, Counters.Shard counters, long acceptedNanos) {
		this.statistics = statistics;
		this.counters = counters;
		this.acceptedNanos = acceptedNanos;
		this.idleSinceNanos = acceptedNanos;
		this.exchange = new ExchangeTiming(statistics, counters);
	}

	/**
	 * Return the connection's current state.
	 * @return the state
	 */
	public ConnectionState state() {
		return this.state;
	}

	@Override
	public @Nullable Refusal bytesRead(ByteBuf bytes) {
		bytesRead(bytes.readableBytes());
		return null;
	}

	@Override
	public void tlsHandshakeEnded(TlsHandshake handshake) {
		this.statistics.tlsHandshakeEnded(this.counters, handshake);
	}

	@Override
	public void protocolSelected(HttpProtocol protocol, boolean upgraded) {
		this.multiplexed = protocol != HttpProtocol.HTTP_1_1;
		this.upgradePending = upgraded;
	}

	@Override
	public void goAwaySent(Http2Error error) {
		this.statistics.recordGoAway(this.counters, error);
	}

	@Override
	public ExchangeListener http11Exchanges(Exchange exchange) {
		return this;
	}

	@Override
	public ExchangeListener streamOpened(Exchange exchange) {
		return new StreamTracker(this);
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		requestReceived(request.decoderResult().isFailure());
		return null;
	}

	@Override
	public boolean responseStarted(int status, ResponseKind kind) {
		this.statistics.responseStarted(this.counters, status);
		this.exchange.head(kind, this.statistics.nanoTime());
		moveTo(ConnectionState.WRITING);
		return false;
	}

	@Override
	public void refused(Refusal refusal) {
		this.statistics.requestRefused(this.counters, refusal);
	}

	/**
	 * Record bytes read; on HTTP/1.1 the first bytes of a request start its latency clock.
	 * @param bytes the number of bytes
	 */
	public void bytesRead(long bytes) {
		this.statistics.bytesRead(this.counters, bytes);
		if (!this.multiplexed && !this.upgraded
				&& (this.state == ConnectionState.ACCEPTED || this.state == ConnectionState.IDLE)) {
			this.exchange.start(this.statistics.nanoTime());
			moveTo(ConnectionState.READING);
		}
	}

	/**
	 * Record a decoded request head. A request decoded after the connection closed (the remains of
	 * a truncated request) is not counted.
	 * @param decodeFailed whether the request could not be decoded
	 */
	public void requestReceived(boolean decodeFailed) {
		if (this.closed) {
			return;
		}
		this.statistics.requestReceived(this.counters, decodeFailed);
		this.requestCount++;
		this.unfinishedRequests++;
		if (!this.exchange.isStarted()) {
			this.exchange.start(this.statistics.nanoTime());
		}
		if (this.state != ConnectionState.WRITING) {
			moveTo(ConnectionState.PROCESSING);
		}
	}

	/**
	 * Record an informational (1xx) response, which does not end the exchange.
	 * @param status the response status
	 */
	@Override
	public void informationalResponse(int status) {
		this.statistics.responseStarted(this.counters, status);
	}

	/**
	 * Record the head of an HTTP/2 stream's final response; its connection stays processing.
	 */
	void streamResponseStarted(int status, ResponseKind kind, ExchangeTiming timing) {
		this.statistics.responseStarted(this.counters, status);
		timing.head(kind, this.statistics.nanoTime());
	}

	ExchangeTiming streamTiming() {
		return new ExchangeTiming(this.statistics, this.counters);
	}

	/**
	 * Record an HTTP/2 stream's request on this connection. Stream 1 of a connection upgraded from
	 * HTTP/1.1 continues the exchange of the upgraded request, which was counted already.
	 * @param decodeFailed whether the request could not be decoded
	 * @return the stream's start time
	 */
	long streamStarted(boolean decodeFailed) {
		long now = this.statistics.nanoTime();
		if (this.closed) {
			return now;
		}
		if (this.upgradePending) {
			this.upgradePending = false;
			return this.exchange.isStarted() ? this.exchange.startNanos() : now;
		}
		this.statistics.requestReceived(this.counters, decodeFailed);
		this.requestCount++;
		this.unfinishedRequests++;
		moveTo(ConnectionState.PROCESSING);
		return now;
	}

	/**
	 * Record the end of an HTTP/2 stream: its response written, or the stream reset; a stream that
	 * outlives its connection only stops its clock.
	 * @param timing the stream's clock
	 * @param answered whether its response's last byte was written
	 */
	void streamEnded(ExchangeTiming timing, boolean answered) {
		long now = this.statistics.nanoTime();
		if (this.closed || this.unfinishedRequests == 0) {
			timing.abandon(now);
			return;
		}
		this.unfinishedRequests--;
		if (answered) {
			timing.end(now);
		}
		else {
			this.statistics.requestEnded(this.counters);
			timing.abandon(now);
		}
		if (this.unfinishedRequests == 0) {
			this.idleSinceNanos = now;
			moveTo(ConnectionState.IDLE);
		}
	}

	/**
	 * Record bytes handed to the socket.
	 * @param bytes the number of bytes
	 */
	@Override
	public void bytesWritten(long bytes) {
		this.statistics.bytesWritten(this.counters, bytes);
	}

	@Override
	public void responseEnded(boolean written) {
		if (this.closed || this.unfinishedRequests == 0 || this.upgraded) {
			return;
		}
		long now = this.statistics.nanoTime();
		this.unfinishedRequests--;
		if (this.exchange.isUpgrade()) {
			this.upgraded = true;
			this.statistics.requestEnded(this.counters);
		}
		else {
			this.exchange.end(now);
		}
		if (this.unfinishedRequests > 0) {
			this.exchange.start(now);
		}
		this.idleSinceNanos = now;
		moveTo((this.unfinishedRequests > 0) ? ConnectionState.PROCESSING : ConnectionState.IDLE);
	}

	/**
	 * Record why the connection is about to be closed. The first reason given wins; a plain server
	 * close of a connection that waited about as long as the idle timeout is an idle timeout.
	 * @param reason the reason
	 */
	@Override
	public void closing(CloseReason reason) {
		if (this.closeReason == null) {
			this.closeReason = (reason == CloseReason.SERVER) ? serverCloseReason() : reason;
		}
	}

	/**
	 * Return why the server is closing the connection when nothing else said: an idle timeout when
	 * it has been waiting for a request about as long as the idle timeout (nine tenths of it: the
	 * timer that closes it starts a little before this tracker sees the exchange end), else a plain
	 * server close ({@code Connection: close}, keep-alive limit).
	 * @return the reason
	 */
	CloseReason serverCloseReason() {
		boolean waiting = this.state == ConnectionState.IDLE || this.state == ConnectionState.ACCEPTED;
		long idleTimeout = this.statistics.idleTimeoutNanos();
		if (waiting && idleTimeout > 0 && this.statistics.nanoTime() - this.idleSinceNanos >= idleTimeout / 10 * 9) {
			return CloseReason.IDLE_TIMEOUT;
		}
		return CloseReason.SERVER;
	}

	/**
	 * Record that the connection closed. Further calls do nothing.
	 */
	@Override
	public void closed() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		long now = this.statistics.nanoTime();
		this.exchange.abandon(now);
		CloseReason reason = (this.closeReason != null) ? this.closeReason : CloseReason.CLIENT;
		this.statistics.connectionClosed(this.counters, this.state, reason, this.unfinishedRequests, this.requestCount,
				now - this.acceptedNanos);
		this.unfinishedRequests = 0;
	}

	private void moveTo(ConnectionState next) {
		if (next != this.state && !this.closed) {
			this.statistics.transition(this.counters, this.state, next);
			this.state = next;
		}
	}

}
