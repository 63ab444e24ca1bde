package io.zokio.engine.limits;


import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.zokio.engine.stats.CloseReason;
import io.zokio.engine.stats.CloseReasons;
import io.zokio.engine.stats.ConnectionTracker;
import io.zokio.engine.stats.HttpExchangeStatisticsHandler;

/**
 * The deadlines of one connection, driven by what its two handlers see: the first byte of a request
 * starts the header deadline, a request with a body starts the body deadline (renewed by each read),
 * and a response is checked for progress towards the client. Request body and response are followed
 * independently, since a handler may answer before it reads the body. A request only writes
 * deadlines; the {@link DeadlineSweeper} of the connection's event loop checks them, so no timer is
 * scheduled per request. Used on the connection's event loop only.
 */
final class ConnectionGuard implements ChannelFutureListener {

	private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private final Channel channel;

	private final GuardTimeouts timeouts;

	private final ServerConnections connections;

	private ChannelHandlerContext httpContext;

	private ConnectionTracker tracker;

	private boolean readingHeaders;

	private boolean bodyPending;

	private boolean responding;

	private boolean exchangeOpen;

	private boolean disabled;

	private long headerDeadlineNanos;

	private long bodyDeadlineNanos;

	private long writeCheckNanos;

	private long lastProgressNanos;

	private long lastPendingBytes = -1;

	private long writesSinceCheck;

	private boolean lineHasContent;

	private boolean lineSeen;

	private boolean afterLineFeed;

	ConnectionGuard(Channel channel, GuardTimeouts timeouts, ServerConnections connections) {
		this.channel = channel;
		this.timeouts = timeouts;
		this.connections = connections;
	}

	/**
	 * Set where the guard writes its own responses from, and the statistics' tracker that records
	 * them (they do not pass the handler that writes them).
	 * @param context the context of the handler after the HTTP/1.1 codec
	 * @param tracker the connection's tracker, or {@code null} without statistics
	 */
	void httpContext(ChannelHandlerContext context, ConnectionTracker tracker) {
		this.httpContext = context;
		this.tracker = tracker;
	}

	/**
	 * Start the header deadline on the first byte of a request, renew the body deadline, and scan
	 * request header bytes for obsolete line folding.
	 * @param buffer bytes just read
	 * @return {@code true} if the header section folds a line (RFC 9112 section 5.2)
	 */
	boolean headerBytesRead(ByteBuf buffer) {
		if (this.disabled) {
			return false;
		}
		if (isWaiting()) {
			if (startsWithHttp2Preface(buffer)) {
				disable();
				return false;
			}
			this.readingHeaders = true;
			this.lineHasContent = false;
			this.lineSeen = false;
			this.afterLineFeed = false;
			this.headerDeadlineNanos = deadline(System.nanoTime(), this.timeouts.requestHeaderNanos());
		}
		else if (this.bodyPending) {
			this.bodyDeadlineNanos = deadline(System.nanoTime(), this.timeouts.requestBodyNanos());
		}
		return this.readingHeaders && foldsALine(buffer);
	}

	/**
	 * Stop guarding: the connection now speaks HTTP/2 (prior knowledge, or upgraded with
	 * {@code 101}), whose frames these HTTP/1.1 deadlines do not apply to.
	 */
	void disable() {
		this.disabled = true;
		clearDeadlines();
	}

	private static boolean startsWithHttp2Preface(ByteBuf buffer) {
		int length = HTTP2_PREFACE.length;
		if (buffer.readableBytes() < length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (buffer.getByte(buffer.readerIndex() + i) != HTTP2_PREFACE[i]) {
				return false;
			}
		}
		return true;
	}

	private boolean foldsALine(ByteBuf buffer) {
		int index = buffer.readerIndex();
		int end = buffer.writerIndex();
		while (index < end) {
			if (this.afterLineFeed) {
				byte first = buffer.getByte(index);
				if (first == ' ' || first == '\t') {
					return true;
				}
				this.afterLineFeed = false;
			}
			int lineFeed = buffer.indexOf(index, end, (byte) '\n');
			boolean content = hasContent(buffer, index, (lineFeed < 0) ? end : lineFeed);
			this.lineHasContent |= content;
			if (lineFeed < 0) {
				return false;
			}
			if (!this.lineHasContent && this.lineSeen) {
				this.readingHeaders = false;
				return false;
			}
			this.lineSeen |= this.lineHasContent;
			this.afterLineFeed = this.lineHasContent;
			this.lineHasContent = false;
			index = lineFeed + 1;
		}
		return false;
	}

	private static boolean hasContent(ByteBuf buffer, int from, int to) {
		for (int i = from; i < to; i++) {
			if (buffer.getByte(i) != '\r') {
				return true;
			}
		}
		return false;
	}

	void requestDecoded(boolean complete) {
		this.exchangeOpen = true;
		this.readingHeaders = false;
		this.headerDeadlineNanos = 0;
		this.bodyPending = !complete;
		this.bodyDeadlineNanos = complete ? 0 : deadline(System.nanoTime(), this.timeouts.requestBodyNanos());
	}

	void requestBodyEnded() {
		this.bodyPending = false;
		this.bodyDeadlineNanos = 0;
	}

	/**
	 * Record a response head about to be written.
	 * @return whether the response must carry {@code Connection: close}
	 */
	boolean responseStarted() {
		long now = System.nanoTime();
		this.responding = true;
		this.lastProgressNanos = now;
		this.lastPendingBytes = -1;
		this.writesSinceCheck = 0;
		this.writeCheckNanos = deadline(now, this.timeouts.writeCheckIntervalNanos());
		if (this.connections.isShuttingDown()) {
			CloseReasons.mark(this.channel, CloseReason.SHUTDOWN);
			return true;
		}
		return false;
	}

	void responseWrite() {
		this.writesSinceCheck++;
	}

	/**
	 * Called when the write of a response's last content completes.
	 * @param future the write's future
	 */
	@Override
	public void operationComplete(ChannelFuture future) {
		this.responding = false;
		this.exchangeOpen = false;
		this.writeCheckNanos = 0;
		if (this.connections.isShuttingDown()) {
			close(CloseReason.SHUTDOWN);
		}
	}

	void closeIfWaiting() {
		if (isWaiting()) {
			close(CloseReason.SHUTDOWN);
		}
	}

	private boolean isWaiting() {
		return !this.readingHeaders && !this.exchangeOpen && !this.bodyPending && !this.responding;
	}

	/**
	 * Act on every deadline that has come due.
	 * @param now the current {@link System#nanoTime()}
	 */
	void check(long now) {
		if (this.disabled || !this.channel.isActive()) {
			return;
		}
		if (due(this.headerDeadlineNanos, now)) {
			respondAndClose(HttpResponseStatus.REQUEST_TIMEOUT);
			return;
		}
		if (due(this.bodyDeadlineNanos, now)) {
			respondAndClose(HttpResponseStatus.REQUEST_TIMEOUT);
			return;
		}
		if (due(this.writeCheckNanos, now)) {
			checkWriteProgress(now);
		}
	}

	private void checkWriteProgress(long now) {
		ChannelOutboundBuffer outbound = this.channel.unsafe().outboundBuffer();
		long pending = (outbound != null) ? outbound.totalPendingWriteBytes() : 0;
		if (pending == 0 || pending != this.lastPendingBytes || this.writesSinceCheck > 0) {
			this.lastProgressNanos = now;
		}
		this.lastPendingBytes = pending;
		this.writesSinceCheck = 0;
		if (now - this.lastProgressNanos >= this.timeouts.writeNanos()) {
			close(CloseReason.REQUEST_TIMEOUT);
			return;
		}
		this.writeCheckNanos = deadline(now, this.timeouts.writeCheckIntervalNanos());
	}

	void respondAndClose(HttpResponseStatus status) {
		CloseReasons.mark(this.channel, (status == HttpResponseStatus.REQUEST_TIMEOUT) ? CloseReason.REQUEST_TIMEOUT
				: CloseReason.SERVER);
		clearDeadlines();
		if (this.httpContext == null || this.responding) {
			this.channel.close();
			return;
		}
		this.responding = true;
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
		response.headers()
			.setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		ChannelPromise promise = this.httpContext.newPromise();
		if (this.tracker != null && HttpExchangeStatisticsHandler.recordWrite(this.tracker, response)) {
			promise.addListener(this.tracker);
		}
		this.httpContext.writeAndFlush(response, promise).addListener(ChannelFutureListener.CLOSE);
	}

	private void close(CloseReason reason) {
		clearDeadlines();
		CloseReasons.mark(this.channel, reason);
		this.channel.close();
	}

	private void clearDeadlines() {
		this.headerDeadlineNanos = 0;
		this.bodyDeadlineNanos = 0;
		this.writeCheckNanos = 0;
	}

	private static long deadline(long now, long timeoutNanos) {
		return (timeoutNanos != 0) ? now + timeoutNanos : 0;
	}

	private static boolean due(long deadline, long now) {
		return deadline != 0 && now - deadline >= 0;
	}

}
