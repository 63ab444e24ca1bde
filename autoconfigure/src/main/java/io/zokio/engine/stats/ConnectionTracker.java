package io.zokio.engine.stats;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * The state machine of one connection: {@code accepted → reading → processing → writing → idle →
 * closed}. Used only on the connection's event loop, so it needs no synchronization; it also
 * listens for the write of each response's last byte, so that no listener is allocated per request.
 */
public final class ConnectionTracker implements ChannelFutureListener {

	private final ConnectionStatistics statistics;

	private final long acceptedNanos;

	private ConnectionState state = ConnectionState.ACCEPTED;

	private CloseReason closeReason;

	private boolean closed;

	private long requestStartNanos;

	private int unfinishedRequests;

	private long requestCount;

	private long idleSinceNanos;

	ConnectionTracker(ConnectionStatistics statistics, long acceptedNanos) {
		this.statistics = statistics;
		this.acceptedNanos = acceptedNanos;
		this.idleSinceNanos = acceptedNanos;
	}

	/**
	 * Return the connection's current state.
	 * @return the state
	 */
	public ConnectionState state() {
		return this.state;
	}

	/**
	 * Record bytes read from the socket; the first bytes of a request start its latency clock.
	 * @param bytes the number of bytes
	 */
	public void bytesRead(long bytes) {
		this.statistics.bytesRead(bytes);
		if (this.state == ConnectionState.ACCEPTED || this.state == ConnectionState.IDLE) {
			this.requestStartNanos = this.statistics.nanoTime();
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
		this.statistics.requestReceived(decodeFailed);
		this.requestCount++;
		this.unfinishedRequests++;
		if (this.requestStartNanos == 0) {
			this.requestStartNanos = this.statistics.nanoTime();
		}
		if (this.state != ConnectionState.WRITING) {
			moveTo(ConnectionState.PROCESSING);
		}
	}

	/**
	 * Record the head of a final response.
	 * @param status the response status
	 */
	public void responseStarted(int status) {
		this.statistics.responseStarted(status);
		moveTo(ConnectionState.WRITING);
	}

	/**
	 * Record an informational (1xx) response, which does not end the exchange.
	 * @param status the response status
	 */
	public void informationalResponse(int status) {
		this.statistics.responseStarted(status);
	}

	/**
	 * Record the head of an HTTP/2 stream's final response; the connection stays processing while
	 * any of its streams is open.
	 * @param status the response status
	 */
	public void streamResponseStarted(int status) {
		this.statistics.responseStarted(status);
	}

	/**
	 * Record an HTTP/2 stream's request on this connection.
	 * @return the stream's start time, for {@link #streamEnded(long, boolean)}
	 */
	public long streamStarted() {
		long now = this.statistics.nanoTime();
		if (this.closed) {
			return now;
		}
		this.statistics.requestReceived(false);
		this.requestCount++;
		this.unfinishedRequests++;
		moveTo(ConnectionState.PROCESSING);
		return now;
	}

	/**
	 * Record the end of an HTTP/2 stream: its response written, or the stream reset.
	 * @param startNanos the stream's start time
	 * @param answered whether its response's last byte was written
	 */
	public void streamEnded(long startNanos, boolean answered) {
		if (this.closed || this.unfinishedRequests == 0) {
			return;
		}
		this.unfinishedRequests--;
		long now = this.statistics.nanoTime();
		if (answered) {
			this.statistics.requestCompleted(now - startNanos, now);
		}
		else {
			this.statistics.requestAbandoned();
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
	public void bytesWritten(long bytes) {
		this.statistics.bytesWritten(bytes);
	}

	/**
	 * Called when the write of a response's last content completes.
	 * @param future the write's future
	 */
	@Override
	public void operationComplete(ChannelFuture future) {
		if (this.closed || this.unfinishedRequests == 0) {
			return;
		}
		long now = this.statistics.nanoTime();
		this.unfinishedRequests--;
		this.statistics.requestCompleted(now - this.requestStartNanos, now);
		this.requestStartNanos = (this.unfinishedRequests > 0) ? now : 0;
		this.idleSinceNanos = now;
		moveTo((this.unfinishedRequests > 0) ? ConnectionState.PROCESSING : ConnectionState.IDLE);
	}

	/**
	 * Record why the connection is about to be closed. The first reason given wins.
	 * @param reason the reason
	 */
	public void closing(CloseReason reason) {
		if (this.closeReason == null) {
			this.closeReason = reason;
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
	public void closed() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		CloseReason reason = (this.closeReason != null) ? this.closeReason : CloseReason.CLIENT;
		this.statistics.connectionClosed(this.state, reason, this.unfinishedRequests, this.requestCount,
				this.statistics.nanoTime() - this.acceptedNanos);
		this.unfinishedRequests = 0;
	}

	private void moveTo(ConnectionState next) {
		if (next != this.state && !this.closed) {
			this.statistics.transition(this.state, next);
			this.state = next;
		}
	}

}
