package io.zokio.engine.protection;

import java.util.function.LongSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.zokio.engine.pipeline.CloseReason;
import io.zokio.engine.pipeline.ConnectionListener;
import io.zokio.engine.pipeline.Exchange;
import io.zokio.engine.pipeline.ExchangeListener;
import io.zokio.engine.pipeline.HttpProtocol;
import io.zokio.engine.pipeline.Refusal;
import io.zokio.engine.pipeline.ResponseKind;
import io.zokio.engine.pipeline.Seat;
import org.jspecify.annotations.Nullable;

/**
 * The limits of one connection, driven by what the pipeline's two seats see. On HTTP/1.1 the next
 * request is held to its deadlines: its first byte behind a PROXY protocol balancer, its arrival
 * within the idle timeout and its head within the header timeout ({@link NextRequest}); a body to
 * its deadline (renewed by each read), its minimum rate and the size limit ({@link RequestBody});
 * a response to progress towards the client ({@link WriteProgress}). On HTTP/2 and HTTP/3,
 * {@link Http2Protection} keeps the connection's deadlines, its streams', and the progress of its
 * writes as a whole. On all, a client that takes what waits to be written slower than
 * the minimum response rate is reset ({@link ResponseRate}). Deadlines are only written here; the
 * {@link DeadlineSweeper} of the connection's event loop checks them, so no timer is scheduled per
 * request. Used on the connection's event loop only.
 */
final class ConnectionProtection implements ConnectionListener, ExchangeListener {

	private final Channel channel;

	private final Seat seat;

	private final ProtectionSettings settings;

	private final ServerConnections connections;

	private final WriteProgress writes;

	private final RequestBody body;

	private final ResponseRate response;

	private final LongSupplier pendingWrites;

	private final NextRequest next;

	private Mode mode = Mode.UNKNOWN;

	private @Nullable Exchange exchange;

	private @Nullable Http2Protection http2;

	private int bytesBeforeProtocol;

	private boolean readingHeaders;

	private boolean responding;

	private boolean exchangeOpen;

	ConnectionProtection(Channel channel, Seat seat, ProtectionSettings settings, ServerConnections connections) {
		this.channel = channel;
		this.seat = seat;
		this.settings = settings;
		this.connections = connections;
		this.writes = new WriteProgress(seat, settings);
		this.body = new RequestBody(settings);
		this.response = new ResponseRate(settings.minResponseRate());
		this.pendingWrites = seat::pendingWriteBytes;
		this.next = new NextRequest(settings, System.nanoTime());
	}

	@Override
	public void protocolSelected(HttpProtocol protocol, boolean upgraded) {
		clearDeadlines();
		this.readingHeaders = false;
		if (protocol == HttpProtocol.HTTP_1_1) {
			this.mode = Mode.HTTP_1_1;
			return;
		}
		this.mode = Mode.HTTP_2;
		this.exchangeOpen = false;
		this.body.started(true);
		this.responding = false;
		this.http2 = new Http2Protection(this.seat, this.settings, upgraded ? 0 : this.bytesBeforeProtocol, this.next,
				protocol == HttpProtocol.HTTP_3, this.writes);
	}

	@Override
	public ExchangeListener http11Exchanges(Exchange exchange) {
		this.exchange = exchange;
		return this;
	}

	@Override
	public ExchangeListener streamOpened(Exchange exchange) {
		Http2Protection connection = this.http2;
		if (connection == null) {
			connection = new Http2Protection(this.seat, this.settings, 0, this.next, false, this.writes);
			this.http2 = connection;
		}
		return connection.streamOpened(exchange);
	}

	/**
	 * Check the PROXY header's source on the first bytes, start the header deadline on the first
	 * byte of a request, and renew the body deadline.
	 * @param bytes bytes just read
	 * @return the refusal of a PROXY header from an untrusted source
	 */
	@Override
	public @Nullable Refusal bytesRead(ByteBuf bytes) {
		if (this.next.bytesRead()) {
			Refusal untrusted = this.connections.proxyProtocol().check(this.channel);
			if (untrusted != null) {
				return untrusted;
			}
		}
		switch (this.mode) {
			case UNKNOWN -> {
				this.bytesBeforeProtocol += bytes.readableBytes();
				this.next.headStarted(System.nanoTime());
			}
			case HTTP_2 -> {
				Http2Protection connection = this.http2;
				if (connection != null) {
					connection.bytesRead(bytes);
				}
			}
			case HTTP_1_1 -> http11BytesRead();
			default -> {
			}
		}
		return null;
	}

	private void http11BytesRead() {
		if (isWaiting()) {
			this.readingHeaders = true;
			this.next.headStarted(System.nanoTime());
		}
		else {
			this.body.renew();
		}
	}

	@Override
	public @Nullable Refusal requestReceived(HttpRequest request, boolean complete) {
		this.exchangeOpen = true;
		this.readingHeaders = false;
		this.next.requestReceived();
		this.body.started(complete);
		return this.settings.declaredBodyRefusal(request);
	}

	@Override
	public @Nullable Refusal requestContent(HttpContent content, boolean last) {
		Refusal refusal = this.body.received(content.content().readableBytes(), last);
		awaitNextRequest();
		return refusal;
	}

	@Override
	public void bytesWritten(long bytes) {
		this.response.wrote(bytes);
		this.writes.wrote();
	}

	@Override
	public boolean responseStarted(int status, ResponseKind kind) {
		if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			this.mode = Mode.OFF;
			clearDeadlines();
			return false;
		}
		this.responding = true;
		this.writes.started(System.nanoTime());
		if (this.connections.isShuttingDown()) {
			this.seat.willClose(CloseReason.SHUTDOWN);
			return true;
		}
		return false;
	}

	@Override
	public void responseEnded(boolean written) {
		this.responding = false;
		this.exchangeOpen = false;
		this.writes.stop();
		if (this.connections.isShuttingDown()) {
			close(CloseReason.SHUTDOWN);
		}
		else {
			awaitNextRequest();
		}
	}

	/**
	 * Start the idle deadline once the response and the request's body both ended, in either order.
	 */
	private void awaitNextRequest() {
		if (this.mode == Mode.HTTP_1_1 && isWaiting()) {
			this.next.awaited(System.nanoTime());
		}
	}

	void shutdown() {
		if (this.mode == Mode.HTTP_2) {
			this.seat.willClose(CloseReason.SHUTDOWN);
		}
		else if (this.mode != Mode.OFF && isWaiting()) {
			close(CloseReason.SHUTDOWN);
		}
	}

	private boolean isWaiting() {
		return !this.readingHeaders && !this.exchangeOpen && !this.body.isPending() && !this.responding;
	}

	/**
	 * Act on every deadline that has come due.
	 * @param now the current {@link System#nanoTime()}
	 */
	void check(long now) {
		if (this.mode == Mode.OFF || !this.channel.isActive()) {
			return;
		}
		if (this.next.firstByteLate(now)) {
			this.seat.cut(CloseReason.PROXY_PROTOCOL);
			return;
		}
		if (this.response.behind(now, this.pendingWrites)) {
			clearDeadlines();
			this.seat.abort(CloseReason.RESPONSE_RATE);
			return;
		}
		Http2Protection connection = this.http2;
		if (this.mode == Mode.HTTP_2 && connection != null) {
			connection.check(now);
			return;
		}
		Exchange exchanges = this.exchange;
		Refusal late = this.next.headLate(now) ? Refusal.REQUEST_TIMEOUT
				: this.body.check(now, exchanges != null && exchanges.isReading());
		if (late != null) {
			clearDeadlines();
			refuse(late);
			return;
		}
		if (this.writes.stalled(now)) {
			close(CloseReason.REQUEST_TIMEOUT);
		}
		else if (isWaiting() && this.next.idle(now)) {
			close(CloseReason.IDLE_TIMEOUT);
		}
	}

	private void refuse(Refusal refusal) {
		Exchange exchanges = this.exchange;
		if (exchanges != null && this.mode == Mode.HTTP_1_1) {
			exchanges.refuse(refusal);
			return;
		}
		this.seat.cut(refusal.closeReason());
	}

	private void close(CloseReason reason) {
		clearDeadlines();
		this.seat.close(reason);
	}

	private void clearDeadlines() {
		this.next.headStopped();
		this.writes.stop();
		this.body.stop();
	}

	@Override
	public void closed() {
		Http2Protection connection = this.http2;
		if (connection != null) {
			connection.closed();
		}
	}

	private enum Mode {

		UNKNOWN, HTTP_1_1, HTTP_2, OFF

	}

}
